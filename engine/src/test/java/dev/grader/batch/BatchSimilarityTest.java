package dev.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.ParsedPage;
import dev.grader.TestTiers;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.intake.Submission;
import dev.grader.model.GradeReport;
import dev.grader.model.SimilarityEvidence;
import dev.grader.model.SimilarityEvidence.OtherKind;
import dev.grader.report.Audience;
import dev.grader.report.JsonReport;
import dev.grader.report.ReportFormat;
import dev.grader.report.SampleReports;
import dev.grader.similarity.SimilarityCheck;
import dev.grader.similarity.SimilarityFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grade-all's similarity step on real submission folders (not graded: sample reports stand in for the grades): the
 * reference is always compared, {@code --compare-with} adds known solutions, each report is written again with its
 * evidence, and the leaderboards list each pair once.
 */
@TestTiers.Grades
class BatchSimilarityTest {

    @TempDir
    static Path dir;

    static List<BatchGrader.Result> results;
    static Leaderboard board;

    @BeforeAll
    static void compareAndAttach() throws Exception {
        Path batch = SimilarityFixtures.batch(dir.resolve("batch"));
        Path leaked = dir.resolve("leaked");
        Files.createDirectories(leaked);
        copyTree(SimilarityFixtures.FIXTURES.resolve("alice"), leaked.resolve("public-gist"));
        Exercise exercise =
                new ExerciseCatalog(List.of(SimilarityFixtures.HOME.resolve("exercises"))).get("rate-limiter");
        List<Submission> submissions = Submission.scan(batch).submissions();
        assertEquals(4, submissions.size());
        BatchSimilarity similarity = new BatchSimilarity(
                exercise,
                new BatchSimilarity.Settings(
                        SimilarityFixtures.workerClasspath(),
                        SimilarityCheck.DEFAULT_THRESHOLD,
                        List.of(leaked),
                        Duration.ofMinutes(2)));
        SimilarityCheck.Result found = similarity.compare(submissions);
        List<BatchGrader.Result> graded = new ArrayList<>();
        for (Submission s : submissions) {
            graded.add(new BatchGrader.Result(
                    s,
                    SampleReports.graded(s.name(), 20, 20, 10, 10, 5),
                    false,
                    dir.resolve("out").resolve(s.name())));
        }
        BatchGrader.Settings settings = new BatchGrader.Settings(
                dir.resolve("out"), EnumSet.of(ReportFormat.JSON, ReportFormat.HTML), Audience.COMPANY, 1, false, 1);
        results = BatchSimilarity.attach(graded, found, settings);
        board = Leaderboard.of(
                results.stream().map(BatchGrader.Result::report).toList(),
                GradeReport::submission,
                r -> r.submission() + "/report.html");
    }

    private static SimilarityEvidence evidence(String name) {
        return results.stream()
                .filter(r -> r.submission().name().equals(name))
                .findFirst()
                .orElseThrow()
                .report()
                .evidence()
                .similarity();
    }

    @Test
    void referenceAndKnownSolutionsAreComparedAndTheReportsWrittenAgain() throws Exception {
        // alice is the leaked solution itself (100%), and bob is alice renamed and reordered
        assertEquals(
                List.of("public-gist", "bob"),
                evidence("alice").pairs().stream().map(p -> p.other()).toList());
        assertEquals(OtherKind.KNOWN, evidence("alice").pairs().get(0).otherKind());
        assertEquals(100, evidence("alice").pairs().get(0).percent());
        assertEquals(
                List.of("reference"),
                evidence("dave").pairs().stream().map(p -> p.other()).toList());
        assertTrue(evidence("carol").pairs().isEmpty());
        assertEquals(5, evidence("carol").compared(), "3 other submissions, the reference, 1 known solution");
        GradeReport written = JsonReport.read(dir.resolve("out/dave/report.json"));
        assertEquals("reference", written.evidence().similarity().pairs().get(0).other());
    }

    @Test
    void leaderboardsListEachPairOnceWithTheCaution() {
        List<String> pairs = board.similar().stream()
                .map(p -> p.name() + "|" + p.other() + "|" + p.otherKind())
                .toList();
        assertEquals(
                java.util.Set.of(
                        "dave|the reference solution|reference",
                        "alice|bob|submission",
                        "alice|public-gist (known solution)|known",
                        "bob|public-gist (known solution)|known"),
                java.util.Set.copyOf(pairs));
        assertEquals(4, pairs.size(), "each pair once: " + pairs);
        assertEquals(
                List.of("alice|public-gist (known solution)|known", "dave|the reference solution|reference"),
                pairs.subList(0, 2),
                "most similar first (100% each), ties by name: " + board.similar());
        String csv = LeaderboardFiles.csv(board);
        String header = csv.lines().findFirst().orElseThrow();
        assertTrue(header.endsWith(",\"similar_to (a reason to look, not proof)\""), header);
        String carolRow =
                csv.lines().filter(l -> l.contains(",carol,")).findFirst().orElseThrow();
        assertTrue(carolRow.endsWith(","), "carol is similar to nobody: " + carolRow);
        String bobRow = csv.lines().filter(l -> l.contains(",bob,")).findFirst().orElseThrow();
        assertTrue(
                bobRow.matches(".*,\"?alice \\d+(\\.\\d)?%; public-gist \\(known solution\\) \\d+(\\.\\d)?%\"?$"),
                bobRow);
        String md = LeaderboardFiles.markdown(board);
        assertTrue(md.contains("### Similar pairs\n\n" + SimilarityEvidence.CAUTION), md);
        ParsedPage page = ParsedPage.parse(LeaderboardHtml.render(board));
        Element section = page.one("section#similarity");
        assertTrue(section.selectFirst("p.caution").text().startsWith(SimilarityEvidence.CAUTION));
        assertEquals(4, section.select("tbody tr").size());
        assertEquals("alice", section.selectFirst("tbody tr td").text());
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
