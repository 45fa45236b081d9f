package dev.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.ParsedPage;
import dev.grader.TestTiers;
import dev.grader.batch.BatchGrader;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.HistoryEvidence;
import dev.grader.report.JsonReport;
import dev.grader.report.ReportFormat;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade-all} and {@code merge} on a folder of mixed submissions of the fixture exercise: a folder, a zip,
 * a git bundle, a git work tree, a submission that does not compile, a zip slip, and a stray file.
 */
@TestTiers.Grades
class GradeAllTest {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        String[] all = Stream.concat(
                        Stream.of(args),
                        Stream.of(
                                "--exercises",
                                Fixtures.root().resolve("exercises").toString(),
                                "--cache",
                                Fixtures.cache().toString()))
                .toArray(String[]::new);
        return merge(all);
    }

    /** Without the fixture options: {@code merge} needs no exercises. */
    private static Result merge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Path solution(Path at) throws IOException {
        Path exercise = Fixtures.root().resolve("exercises/adder");
        FileTrees.copyOver(exercise.resolve("starter"), at);
        FileTrees.copyOver(exercise.resolve("solution"), at);
        return at;
    }

    private static void zip(Path tree, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                Stream<Path> files = Files.walk(tree)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new ZipEntry("project/" + tree.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd =
                new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + args[0] + ": " + out);
    }

    @Test
    void gradesAMixedFolderRanksItAndSkipsWhatItAlreadyGraded(@TempDir Path tmp) throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("submissions"));
        solution(subs.resolve("alice"));
        zip(solution(tmp.resolve("bob-src")), subs.resolve("bob.zip"));
        Path carolRepo = solution(tmp.resolve("carol-src"));
        git(carolRepo, "init", "-q");
        git(carolRepo, "add", "-A");
        git(carolRepo, "commit", "-qm", "solution");
        git(carolRepo, "bundle", "create", subs.resolve("carol.bundle").toString(), "HEAD");
        Path dave = solution(subs.resolve("dave"));
        git(dave, "init", "-q");
        FileTrees.copyOver(Fixtures.submission("adder", "syntax-error"), subs.resolve("erin"));
        FileTrees.copyOver(Fixtures.root().resolve("exercises/adder/starter"), subs.resolve("frank"));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(subs.resolve("mallory.zip")))) {
            out.putNextEntry(new ZipEntry("../../../escape.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.writeString(subs.resolve("notes.txt"), "not a submission");
        Path out = tmp.resolve("reports");

        Result first = run(
                "grade-all",
                "--exercise",
                "adder",
                subs.toString(),
                "--out",
                out.toString(),
                "--jobs",
                "2",
                "--seed",
                "5");
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("skipped notes.txt"), first.out());
        assertTrue(first.out().contains("[7/7]"), "plain progress lines off a terminal:\n" + first.out());
        assertTrue(first.out().contains("Similarity (JPlag, "), "similarity compared after grading:\n" + first.out());

        Map<String, GradeReport> reports = new TreeMap<>();
        for (String name : List.of("alice", "bob", "carol", "dave", "erin", "frank", "mallory")) {
            for (ReportFormat f : ReportFormat.values()) {
                assertTrue(Files.isRegularFile(out.resolve(name).resolve(f.fileName())), name + "/" + f.fileName());
            }
            reports.put(name, JsonReport.read(out.resolve(name).resolve("report.json")));
        }
        for (String good : List.of("alice", "bob", "carol", "dave")) {
            assertEquals(
                    100.0,
                    reports.get(good).score(),
                    good + ": " + reports.get(good).statusMessage());
            assertEquals(5, reports.get(good).seed());
        }
        for (String readable : List.of("alice", "bob", "carol", "dave", "erin", "frank")) {
            assertTrue(reports.get(readable).evidence().similarity() != null, readable + ": no similarity evidence");
        }
        assertEquals(GradeStatus.DOES_NOT_COMPILE, reports.get("erin").status());
        assertEquals(0.0, reports.get("frank").score());
        assertEquals(GradeStatus.REJECTED, reports.get("mallory").status());
        assertTrue(reports.get("mallory").statusMessage().contains("zip slip"));
        assertTrue(Files.notExists(tmp.getParent().resolve("escape.txt")));
        // The history evidence: the bundle's one commit holds the solution's 6 own lines of Adder.java; the others say
        // why they have none, the rejected archive too.
        HistoryEvidence carol = reports.get("carol").evidence().history();
        assertTrue(carol.available(), carol.reason());
        assertEquals(1, carol.commits());
        assertEquals(6, carol.ownLines());
        assertEquals(100.0, carol.largestCommit().percent());
        assertEquals(
                "a folder without git history",
                reports.get("alice").evidence().history().reason());
        assertEquals(
                "an archive without git history",
                reports.get("bob").evidence().history().reason());
        assertEquals(
                "a git repository without commits",
                reports.get("dave").evidence().history().reason());
        assertEquals(
                "an archive without git history",
                reports.get("mallory").evidence().history().reason());
        assertTrue(Files.readString(out.resolve("carol/report.html")).contains("How it was built (git history)"));

        List<String> csv = Files.readAllLines(out.resolve("leaderboard.csv"));
        assertEquals(8, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("rank,submission,status,score,max_score,percent,basics,overflow"), csv.get(0));
        assertTrue(csv.get(1).matches("1,(alice|bob|carol|dave),graded,100,100,100,60,40,.*"), csv.get(1));
        assertTrue(csv.get(7).contains(",0,100,0,"), "the last rows score 0: " + csv.get(7));
        ParsedPage leaderboard = ParsedPage.parse(Files.readString(out.resolve("leaderboard.html")));
        assertEquals(7, leaderboard.all("#ranking tr.entry").size(), "one ranking row per submission");

        // Unchanged submissions are not graded again; a changed one is.
        Files.writeString(subs.resolve("frank/NOTES.md"), "changed");
        Result second =
                run("grade-all", "--exercise", "adder", subs.toString(), "--out", out.toString(), "--seed", "5");
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("1 graded, 6 already graded"), second.out());
        Result forced = run(
                "grade-all",
                "--exercise",
                "adder",
                subs.toString(),
                "--out",
                out.toString(),
                "--force",
                "--min-score",
                "50");
        assertEquals(ExitCodes.BELOW_BAR, forced.code(), "some submissions are below 50%: " + forced.out());
        assertTrue(forced.out().contains("7 graded"), forced.out());
        assertTrue(Files.isRegularFile(out.resolve("alice").resolve(BatchGrader.STATE_FILE)));

        // merge: the same board from the per-submission reports, as parallel CI jobs would leave them.
        Path merged = tmp.resolve("merged");
        Result m = merge("merge", "--out", merged.toString(), out.toString());
        assertEquals(0, m.code(), m.out() + m.err());
        List<String> mergedCsv = Files.readAllLines(merged.resolve("leaderboard.csv"));
        assertEquals(8, mergedCsv.size());
        assertEquals(csv.get(0), mergedCsv.get(0));
        assertTrue(mergedCsv.stream().anyMatch(l -> l.contains(",mallory,rejected,")), String.join("\n", mergedCsv));
        assertTrue(
                mergedCsv.stream().anyMatch(l -> l.contains("../reports/alice/report.html")),
                String.join("\n", mergedCsv));
    }

    @Test
    void mergeRefusesReportsOfDifferentExercises(@TempDir Path tmp) throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        GradeReport r =
                dev.grader.engine.Grader.rejected(Fixtures.fixtureCatalog().get("adder"), a, 1, "x");
        JsonReport.write(r, a.resolve("report.json"));
        JsonReport.write(
                dev.grader.engine.Grader.rejected(Fixtures.fixtureCatalog().get("pg-echo"), b, 1, "x"),
                b.resolve("report.json"));
        Result m = merge("merge", "--out", tmp.resolve("out").toString(), a.toString(), b.toString());
        assertEquals(ExitCodes.USAGE, m.code());
        assertTrue(m.err().contains("different exercises"), m.err());
        Result notReport = merge(
                "merge", Files.writeString(tmp.resolve("x.json"), "{\"a\":1}").toString());
        assertEquals(ExitCodes.USAGE, notReport.code(), notReport.err());
    }
}
