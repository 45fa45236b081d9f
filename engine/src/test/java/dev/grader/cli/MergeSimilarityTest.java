package dev.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.TestTiers;
import dev.grader.model.SimilarityEvidence;
import dev.grader.report.JsonReport;
import dev.grader.report.SampleReports;
import dev.grader.similarity.SimilarityFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grader merge --submissions}: the CLI finds the similarity worker in the checkout, starts it, and the merged
 * leaderboard lists the similar pairs (reports stand in for grades; the submissions are real folders).
 */
@TestTiers.Grades
class MergeSimilarityTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
    }

    private Path reports() throws Exception {
        Path reports = dir.resolve("reports");
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            Files.createDirectories(reports.resolve(name));
            JsonReport.write(
                    SampleReports.graded(name, 20, 20, 10, 10, 5),
                    reports.resolve(name).resolve("report.json"));
        }
        return reports;
    }

    @Test
    void mergeWithSubmissionsListsTheSimilarPairs() throws Exception {
        Path batch = SimilarityFixtures.batch(dir.resolve("batch"));
        StringWriter out = new StringWriter();
        int code = run(
                out,
                "merge",
                reports().toString(),
                "--submissions",
                batch.toString(),
                "--out",
                dir.resolve("lb").toString(),
                "--exercises",
                SimilarityFixtures.HOME.resolve("exercises").toString());
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("Similarity: 4 of 4 reports' submissions found"), out.toString());
        String md = Files.readString(dir.resolve("lb/leaderboard.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("### Similar pairs\n\n" + SimilarityEvidence.CAUTION), md);
        assertTrue(md.contains("| dave | the reference solution | "), md);
        assertTrue(md.contains("| alice | bob | "), md);
        String pairs = md.substring(md.indexOf("### Similar pairs"));
        assertEquals(
                2,
                pairs.lines()
                        .filter(l -> l.matches("\\| \\w+ \\| [^|]+ \\| \\d+(\\.\\d)? \\|.*"))
                        .count(),
                md);
        // Each compared submission's report is written again with its pairs, where the leaderboard links; the
        // inputs stay as they were.
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            Path again = dir.resolve("lb/reports").resolve(name).resolve("report.json");
            SimilarityEvidence s = JsonReport.read(again).evidence().similarity();
            assertEquals(name.equals("carol") ? 0 : 1, s.pairs().size(), name + ": " + s);
            assertTrue(Files.isRegularFile(again.resolveSibling("report.html")), name);
            assertTrue(
                    JsonReport.read(dir.resolve("reports").resolve(name).resolve("report.json"))
                                            .evidence()
                                    == null
                            || JsonReport.read(dir.resolve("reports")
                                                    .resolve(name)
                                                    .resolve("report.json"))
                                            .evidence()
                                            .similarity()
                                    == null,
                    name + "'s input report is not changed");
        }
        String html = Files.readString(dir.resolve("lb/leaderboard.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("href=\"reports/alice/report.html\""), "the leaderboard links the new reports");
        assertTrue(out.toString().contains("Reports with their similarity: 4 written under"), out.toString());
    }

    @Test
    void noSimilarityLeavesTheLeaderboardWithoutPairs() throws Exception {
        Path batch = SimilarityFixtures.batch(dir.resolve("batch"));
        StringWriter out = new StringWriter();
        int code = run(
                out,
                "merge",
                reports().toString(),
                "--submissions",
                batch.toString(),
                "--no-similarity",
                "--out",
                dir.resolve("lb").toString());
        assertEquals(0, code, out.toString());
        assertFalse(Files.readString(dir.resolve("lb/leaderboard.md")).contains("Similar pairs"));
    }
}
