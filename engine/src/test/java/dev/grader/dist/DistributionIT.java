package dev.grader.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The released grader, as an author gets it: the archive `mvn package` made is unpacked in a temporary folder, and its
 * bin/grader writes two new exercises (one plain, one with postgres and wiremock) into a folder outside the repository
 * and validates them. Run by failsafe in `mvn verify`, after `package`.
 */
@TestTiers.Grades
class DistributionIT {

    @TempDir
    Path tmp;

    @Test
    void newExercisesValidateThroughTheReleasedArchive() throws Exception {
        Path zip = Path.of(System.getProperty("grader.dist", "engine/target/grader-dist.zip"));
        assertTrue(Files.isRegularFile(zip), zip + ": no distribution archive; run `mvn package` first");
        Path home = unzip(zip, tmp.resolve("unpacked"));
        Path grader = home.resolve("bin/grader");
        assertTrue(grader.toFile().setExecutable(true), "bin/grader could not be made executable");
        Path exercises = Files.createDirectories(tmp.resolve("private-exercises"));
        assertTrue(!exercises.startsWith(Fixtures.repository()), "the exercises must lie outside the repository");

        assertEquals(0, run(grader, exercises, "new", "plain-words", "--dir", exercises.toString()).code);
        assertEquals(
                0,
                run(
                                grader,
                                exercises,
                                "new",
                                "service-words",
                                "--services",
                                "postgres,wiremock",
                                "--dir",
                                exercises.toString())
                        .code);
        Result list = run(grader, tmp, "list", "--exercises", exercises.toString());
        assertTrue(list.out.contains("plain-words") && list.out.contains("service-words"), list.out);

        Result validate = run(
                grader,
                tmp,
                "validate",
                "plain-words",
                "service-words",
                "--exercises",
                exercises.toString(),
                "--repeat",
                "1",
                "--jobs",
                "1",
                "--no-color",
                "--cache",
                Fixtures.cache().toString());
        assertEquals(0, validate.code, validate.out);
        assertTrue(validate.out.contains("Validation passed."), validate.out);
        assertEquals(
                2,
                validate.out
                        .lines()
                        .filter(l -> l.contains("every hidden test fails on at least one mutant"))
                        .count(),
                validate.out);
    }

    /**
     * JPlag (GPL-3.0) ships only in lib/similarity/ with the worker and its licence, never in lib/ (the grader's class
     * path), and the archive's grader finds the worker and starts it: merge --submissions lists the similar pairs.
     */
    @Test
    void theSimilarityWorkerShipsApartAndRunsFromTheArchive() throws Exception {
        Path zip = Path.of(System.getProperty("grader.dist", "engine/target/grader-dist.zip"));
        assertTrue(Files.isRegularFile(zip), zip + ": no distribution archive; run `mvn package` first");
        Path home = unzip(zip, tmp.resolve("unpacked"));
        for (String f : List.of(
                "LICENSE",
                "THIRD-PARTY.txt",
                "lib/similarity/LICENSE",
                "lib/similarity/similarity-worker.jar",
                "lib/similarity/jplag-4.3.0.jar",
                "lib/similarity/java-4.3.0.jar")) {
            assertTrue(Files.isRegularFile(home.resolve(f)), f + " is missing from the archive");
        }
        try (var lib = Files.list(home.resolve("lib"))) {
            List<String> gpl = lib.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("jplag-")
                            || n.startsWith("language-api-")
                            || n.startsWith("similarity-worker"))
                    .toList();
            assertEquals(List.of(), gpl, "JPlag on the grader's own class path");
        }
        Path grader = home.resolve("bin/grader");
        assertTrue(grader.toFile().setExecutable(true), "bin/grader could not be made executable");
        Path reports = tmp.resolve("reports");
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            Files.createDirectories(reports.resolve(name));
            dev.grader.report.JsonReport.write(
                    dev.grader.report.SampleReports.graded(name, 20, 20, 10, 10, 5),
                    reports.resolve(name).resolve("report.json"));
        }
        Path batch = dev.grader.similarity.SimilarityFixtures.batch(tmp.resolve("batch"));
        Result merged = run(
                grader,
                tmp,
                "merge",
                reports.toString(),
                "--submissions",
                batch.toString(),
                "--out",
                tmp.resolve("lb").toString());
        assertEquals(0, merged.code, merged.out);
        String md = Files.readString(tmp.resolve("lb/leaderboard.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("| alice | bob | ") && md.contains("| dave | the reference solution | "), md);
    }

    private record Result(int code, String out) {}

    /** Runs bin/grader in {@code workDir} with only a JDK: no grader.home or repository on its way. */
    private static Result run(Path grader, Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(grader.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().remove("GRADER_EXERCISES");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "bin/grader " + String.join(" ", args) + " did not end");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Unpacks the archive and returns its one top folder. */
    private static Path unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry outside the archive's folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out);
                }
            }
        }
        try (var top = Files.list(target)) {
            List<Path> dirs = top.toList();
            assertEquals(1, dirs.size(), "one top folder in the archive: " + dirs);
            return dirs.get(0);
        }
    }
}
