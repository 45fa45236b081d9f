package dev.grader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.exercise.Exercise;
import dev.grader.model.CompilePhase;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.report.Ansi;
import dev.grader.report.ConsoleReport;
import dev.grader.report.JsonReport;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review's flags and change summary in the reports of real grades of the fixture exercise {@code adder}. */
@TestTiers.Grades
class GraderReviewTest {

    private static final String TEST = "src/test/java/com/acme/adder/AdderTest.java";
    private static final String MAIN = "src/main/java/com/acme/adder/Adder.java";

    private static Grader grader;
    private static Exercise adder;

    @BeforeAll
    static void start() {
        grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings());
        adder = Fixtures.fixtureCatalog().get("adder");
    }

    @AfterAll
    static void stop() {
        grader.close();
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static List<String> flags(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("flags")
                .forEach(f ->
                        out.add(f.get("severity").asText() + " " + f.get("kind").asText() + " "
                                + f.get("file").asText() + ":" + f.get("line").asText()));
        return out;
    }

    @Test
    void aChangedProtectedTestAndASystemExitAreFlagsInTheJsonReport(@TempDir Path dir) throws IOException {
        Path submission = Variants.solution(adder, dir.resolve("cheeky"));
        edit(submission.resolve(TEST), "assertEquals(3, Adder.add(1, 2));", "assertEquals(3, 1 + 2);");
        Files.copy(
                Fixtures.submission("adder", "exits").resolve(MAIN),
                submission.resolve(MAIN),
                StandardCopyOption.REPLACE_EXISTING);

        GradeReport r = grader.grade(adder, submission, new GradeOptions(7, false));
        JsonNode json = new ObjectMapper().readTree(JsonReport.toJson(r));

        assertEquals(GradeStatus.GRADED, r.status());
        assertEquals(
                List.of("warning protected-file-changed " + TEST + ":10", "alert system-exit " + MAIN + ":7"),
                flags(json));
        assertTrue(
                json.get("flags").get(1).get("message").asText().contains("System.exit"),
                json.get("flags").toString());
        JsonNode changes = json.get("changes");
        assertEquals(
                List.of(MAIN, TEST),
                List.of(
                        changes.get("changed").get(0).asText(),
                        changes.get("changed").get(1).asText()));
        assertEquals(0, changes.get("added").size());
        assertTrue(changes.get("lines_added").asInt() > 0, changes.toString());

        StringWriter console = new StringWriter();
        new ConsoleReport(new Ansi(false)).print(r, new PrintWriter(console));
        List<String> lines = console.toString().lines().toList();
        int review = lines.indexOf("Review  (evidence for a person; flags do not change the score)");
        assertTrue(review > 0, console.toString());
        assertEquals(
                "  warning " + TEST + ":10 changed, though the exercise protects this file", lines.get(review + 1));
        assertEquals("  alert   " + MAIN + ":7 System.exit ends the JVM the tests run in", lines.get(review + 2));
        assertTrue(
                lines.get(review + 3).matches("  changes: 0 added, 2 changed, 0 removed; \\+\\d+ -\\d+ lines"),
                lines.get(review + 3));
    }

    @Test
    void aGradeWithoutReviewScoresTheSameAndCarriesNoFlags(@TempDir Path dir) throws IOException {
        Path submission = Variants.solution(adder, dir.resolve("cheeky"));
        edit(submission.resolve(TEST), "assertEquals(3, Adder.add(1, 2));", "assertEquals(3, 1 + 2);");

        GradeReport reviewed = grader.grade(adder, submission, new GradeOptions(7, false));
        GradeReport unreviewed = grader.grade(adder, submission, new GradeOptions(7, false, List.of(), false));

        assertEquals(
                List.of("protected-file-changed"),
                reviewed.flags().stream().map(f -> f.kind()).toList());
        assertEquals(List.of(), unreviewed.flags(), "grader validate's grades are not reviewed");
        assertNull(unreviewed.changes());
        assertEquals(reviewed.score(), unreviewed.score());
        assertEquals(reviewed.categories(), unreviewed.categories());
    }

    @Test
    void aDependencyAddedToThePomNeverReachesTheClasspath(@TempDir Path dir) throws IOException {
        Path submission = Variants.solution(adder, dir.resolve("with-guava"));
        edit(submission.resolve("pom.xml"), "  </dependencies>", """
          <dependency>
            <groupId>com.google.guava</groupId>
            <artifactId>guava</artifactId>
            <version>33.3.1-jre</version>
          </dependency>
        </dependencies>""");
        edit(submission.resolve(MAIN), "return a + b;", "return com.google.common.math.IntMath.checkedAdd(a, b);");

        GradeReport r = grader.grade(adder, submission, new GradeOptions(7, false));

        assertEquals(GradeStatus.DOES_NOT_COMPILE, r.status(), "the classpath is the exercise's, not the submission's");
        assertEquals(CompilePhase.SUBMISSION, r.compilation().phase());
        assertTrue(
                r.compilation().diagnostics().stream()
                        .anyMatch(d -> d.file().equals(MAIN)
                                && d.message().contains("package com.google.common.math does not exist")),
                r.compilation().diagnostics().toString());
        assertTrue(
                r.statusMessage().contains("dependencies added to pom.xml are not on the grader's classpath"),
                r.statusMessage());
        assertTrue(
                r.flags().stream()
                        .anyMatch(f -> f.kind().equals("dependency-not-allowed")
                                && f.file().equals("pom.xml")
                                && f.message().contains("com.google.guava:guava")),
                r.flags().toString());
    }
}
