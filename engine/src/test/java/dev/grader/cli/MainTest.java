package dev.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.model.GradeReport;
import dev.grader.report.JsonReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user meets it, called in-process through {@link Main#run}. */
class MainTest {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String[] withFixtures(String... args) {
        return Stream.concat(
                        Stream.of(args),
                        Stream.of(
                                "--exercises",
                                Fixtures.root().resolve("exercises").toString(),
                                "--cache",
                                Fixtures.cache().toString()))
                .toArray(String[]::new);
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String s : List.of(
                "list",
                "init",
                "grade",
                "validate",
                "Exit codes:",
                "3   the submission does not compile",
                "4   infrastructure problem")) {
            assertTrue(r.out().contains(s), "help lacks '" + s + "':\n" + r.out());
        }
        assertTrue(run("grade", "--help").out().contains("Exit codes:"), "every command lists the exit codes");
        assertTrue(run("help", "validate").out().startsWith("Usage: grader validate"), "help NAME");
    }

    @Test
    void aCommandLineThatNamesNoCommandListsThemAll() {
        Result r = run("grate", "-e", "adder");
        assertEquals(2, r.code(), r.err());
        assertTrue(
                r.err().contains("grade") && r.err().contains("grade-all"),
                "the error offers the commands:\n" + r.err());
        assertEquals(
                List.of("list", "init", "grade", "grade-all", "merge", "validate", "new", "help"),
                List.copyOf(Main.commandLine().getSubcommands().keySet()));
        assertEquals(
                List.of("grade"),
                List.copyOf(Main.commandLine("grade", "x").getSubcommands().keySet()));
    }

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        PrintStream saved = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8)); // where picocli's tracer writes
        try {
            for (String command : List.of("list", "init", "grade", "grade-all", "validate", "merge")) {
                Result r = run(command, "--help");
                assertEquals(0, r.code(), command + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: grader " + command), r.out());
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), "a description picocli could not format");
    }

    @Test
    void versionPrintsTheGraderVersion() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("grader "), r.out());
    }

    @Test
    void listShowsTitleBudgetAndServices() {
        Result r = run(withFixtures("list"));
        assertEquals(0, r.code(), r.err());
        assertLinesMatch(
                List.of(
                        "ID\\s+TITLE\\s+BUDGET\\s+SERVICES",
                        "adder\\s+Adder \\(grader test fixture\\)\\s+10m\\s+-",
                        "pg-echo\\s+Echo through PostgreSQL.*\\s+10m\\s+postgres"),
                r.out().lines().toList());
    }

    @Test
    void unknownExerciseIsAUsageErrorThatListsTheExercises() {
        Result r = run(withFixtures("grade", "-e", "nope", "."));
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("no exercise 'nope'") && r.err().contains("there are: adder, pg-echo"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace for bad input");
    }

    @Test
    void initWritesAStandaloneStarterWithoutHiddenSuitesSolutionOrMutants(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("candidate");
        Result r = run(withFixtures("init", "adder", dir.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("pom.xml")));
        assertTrue(Files.isRegularFile(dir.resolve("README.md")));
        assertTrue(Files.isRegularFile(dir.resolve("src/main/java/com/acme/adder/Adder.java")));
        assertTrue(Files.isRegularFile(dir.resolve("src/test/java/com/acme/adder/AdderTest.java")));
        assertTrue(
                Files.isRegularFile(dir.resolve("src/test/java/dev/grader/support/Seeds.java")), "support core copied");
        try (Stream<Path> all = Files.walk(dir)) {
            List<String> names = all.map(p -> dir.relativize(p).toString()).toList();
            assertTrue(
                    names.stream()
                            .noneMatch(n -> n.contains("hidden")
                                    || n.contains("mutant")
                                    || n.contains("solution")
                                    || n.endsWith(".patch")
                                    || n.equals("exercise.yaml")),
                    names.toString());
        }
        String adder = Files.readString(dir.resolve("src/main/java/com/acme/adder/Adder.java"));
        assertTrue(adder.contains("TODO"), "the starter, not the solution");
        assertEquals(
                ExitCodes.USAGE,
                run(withFixtures("init", "adder", dir.toString())).code(),
                "refuses a non-empty folder");
    }

    @Test
    @TestTiers.Grades
    void gradeExitCodesFollowTheOutcome(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("report.json");
        Result full = run(withFixtures(
                "grade",
                "-e",
                "adder",
                "--variant",
                "solution",
                "--seed",
                "5",
                "--min-score",
                "100",
                "--json",
                json.toString()));
        assertEquals(ExitCodes.OK, full.code(), full.out() + full.err());
        assertTrue(full.out().contains("Score  100 / 100  (100%)"), full.out());
        GradeReport report = JsonReport.read(json);
        assertEquals(5, report.seed());
        assertEquals("adder", report.exercise().id());

        Result below = run(withFixtures("grade", "-e", "adder", "--variant", "mutant:subtracts", "--min-score", "50"));
        assertEquals(ExitCodes.BELOW_BAR, below.code(), below.out());
        assertTrue(below.out().contains("Lost points"), below.out());

        Result broken = run(withFixtures(
                "grade",
                "-e",
                "adder",
                Fixtures.submission("adder", "syntax-error").toString()));
        assertEquals(ExitCodes.DOES_NOT_COMPILE, broken.code(), broken.out());
        assertTrue(broken.out().contains("Adder.java:7:16"), broken.out());
    }

    @Test
    void gradeNeedsExactlyOneOfSubmissionOrVariant() {
        assertEquals(ExitCodes.USAGE, run(withFixtures("grade", "-e", "adder")).code());
        assertEquals(
                ExitCodes.USAGE,
                run(withFixtures("grade", "-e", "adder", "--variant", "bogus")).code());
    }
}
