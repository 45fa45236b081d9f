package dev.grader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.batch.BatchGrader;
import dev.grader.batch.Progress;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.intake.Submission;
import dev.grader.model.GradeReport;
import dev.grader.report.Audience;
import dev.grader.report.ReportFormat;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade-all --jobs 1} over a folder holding attackers graded before the reference solution: each has the
 * PostgreSQL server write a broken source file into the reference's folder (COPY TO PROGRAM, COPY TO a file,
 * lo_export). The reference, graded with the exercise's own limits, must still get full marks, and its folder must
 * not change.
 */
@TestTiers.Grades
class BatchIsolationTest {

    private static final Path CORPUS = Fixtures.repository().resolve("corpus/hostile");
    private static final List<String> ATTACKS = List.of("copy-to-file", "copy-to-program", "lo-export");

    @Test
    void attackersInTheSameBatchCannotTouchTheReferenceSolution(@TempDir Path tmp) throws Exception {
        Exercise real = new ExerciseCatalog(Fixtures.repository().resolve("exercises")).get("n-plus-one");
        Path subs = Files.createDirectories(tmp.resolve("submissions"));
        for (String attack : ATTACKS) { // "attacker-..." sorts before "reference": graded first
            HostileCase.load(CORPUS.resolve(attack))
                    .materialise(real, subs.resolve("attacker-" + attack), tmp.resolve("x"));
        }
        Path reference = Variants.solution(real, subs.resolve("reference"));
        Path target = reference.resolve("src/main/java/com/acme/orders");
        Map<String, String> before = contents(reference);

        HostileCorpusTest.CorpusBroker broker =
                new HostileCorpusTest.CorpusBroker(dev.grader.support.postgres.PostgresSettings.fromEnvironment());
        broker.other = target; // where the attackers aim: the reference's own sources
        broker.serverFile = Path.of("/tmp", "batch-isolation-server-file-" + System.nanoTime());
        List<BatchGrader.Result> results;
        try (Grader grader = new Grader(Fixtures.cache(), broker, Fixtures.settings());
                Progress progress = Progress.lines(ATTACKS.size() + 1, new PrintWriter(new StringWriter()))) {
            BatchGrader batch = new BatchGrader(
                    grader,
                    real,
                    new BatchGrader.Settings(
                            tmp.resolve("out"), List.of(ReportFormat.JSON), Audience.COMPANY, 42, true, 1));
            results = batch.run(Submission.scan(subs).submissions(), progress);
        }

        assertEquals(ATTACKS.size() + 1, results.size());
        GradeReport ref = results.get(results.size() - 1).report();
        assertTrue(ref.submission().endsWith("reference"), ref.submission());
        assertTrue(
                ref.fullMarks(),
                "the reference got " + ref.score() + " / " + ref.maxScore() + " (" + ref.status() + ": "
                        + ref.statusMessage() + ") "
                        + ref.tests().stream()
                                .filter(t -> t.status() != dev.grader.model.TestStatus.PASSED)
                                .map(t -> t.name() + ": " + t.message())
                                .toList());
        assertEquals(before, contents(reference), "the reference's folder changed");
        assertTrue(Files.notExists(broker.serverFile), "the database server wrote " + broker.serverFile);
        for (BatchGrader.Result r : results.subList(0, ATTACKS.size())) {
            assertTrue(
                    r.report().percent() < 100,
                    r.submission().name() + " got " + r.report().percent() + "%");
        }
    }

    /** Every file under {@code dir} (links not followed) and its content. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = dir.relativize(p).toString();
                all.put(
                        rel,
                        Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                                ? Files.readString(p)
                                : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "<folder>" : "<other>");
            }
        }
        return all;
    }
}
