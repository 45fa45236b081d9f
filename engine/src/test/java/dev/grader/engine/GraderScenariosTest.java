package dev.grader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.Mutant;
import dev.grader.model.CompilePhase;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.RunEnding;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import dev.grader.report.JsonReport;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden scenarios on the fixture exercise: one submission folder each, with the verdict it must get. */
@TestTiers.Grades
class GraderScenariosTest {

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

    private static GradeReport grade(Path submission) {
        return grader.grade(adder, submission, new GradeOptions(7, false));
    }

    private static Map<String, TestStatus> statuses(GradeReport r) {
        return r.tests().stream().collect(Collectors.toMap(TestScore::name, TestScore::status));
    }

    @Test
    void referenceSolutionGetsFullMarks(@TempDir Path dir) throws IOException {
        GradeReport r = grade(Variants.solution(adder, dir));
        assertEquals(GradeStatus.GRADED, r.status());
        assertEquals(100.0, r.score(), r.tests().toString());
        assertEquals(3, r.tests().size(), "a parameterised test counts once");
        assertEquals(7, r.seed());
        assertEquals(RunEnding.COMPLETED, r.run().ending());
    }

    @Test
    void aGradeAskedForSomeTestsRunsThoseAlone(@TempDir Path dir) throws IOException {
        GradeReport r = grader.grade(
                adder,
                Variants.solution(adder, dir),
                new GradeOptions(
                        7, false, List.of("BasicsTest.zeroPlusXIsX", "OverflowTest.sumOfLargeValuesDoesNotOverflow")));
        assertEquals(GradeStatus.GRADED, r.status());
        assertEquals(
                List.of("BasicsTest.zeroPlusXIsX", "OverflowTest.sumOfLargeValuesDoesNotOverflow"),
                r.tests().stream().map(TestScore::name).sorted().toList(),
                "every invocation of the parameterised test, and nothing else");
        assertTrue(r.tests().stream().allMatch(TestScore::passed), r.tests().toString());
    }

    @Test
    void untouchedStarterScoresZeroWithTheExceptionAsMessage() {
        GradeReport r = grade(adder.starter());
        assertEquals(0.0, r.score());
        assertTrue(r.tests().stream().allMatch(t -> t.status() == TestStatus.FAILED));
        assertEquals("UnsupportedOperationException: TODO", r.tests().get(0).message());
    }

    @Test
    void syntaxErrorGivesACompileReportWithFileAndLine() {
        GradeReport r = grade(Fixtures.submission("adder", "syntax-error"));
        assertEquals(GradeStatus.DOES_NOT_COMPILE, r.status());
        assertEquals(0.0, r.score());
        assertEquals(CompilePhase.SUBMISSION, r.compilation().phase());
        var d = r.compilation().diagnostics().get(0);
        assertEquals("src/main/java/com/acme/adder/Adder.java", d.file());
        assertEquals(7, d.line());
        assertTrue(d.message().contains("illegal start of expression"), d.message());
    }

    @Test
    void aSubmissionWhoseApiDiffersGetsACompileReportForTheHiddenSuites(@TempDir Path dir) throws IOException {
        Path submission = Variants.solution(adder, dir);
        Path adderSource = submission.resolve("src/main/java/com/acme/adder/Adder.java");
        Files.writeString(
                adderSource,
                Files.readString(adderSource)
                        .replace("sum(int[] values)", "sum(long[] values)")
                        .replace("for (int v", "for (long v"));
        GradeReport r = grade(submission);
        assertEquals(GradeStatus.DOES_NOT_COMPILE, r.status());
        assertEquals(0.0, r.score());
        assertEquals(CompilePhase.HIDDEN_SUITES, r.compilation().phase());
        var d = r.compilation().diagnostics().get(0);
        assertEquals("hidden/com/acme/adder/hidden/OverflowTest.java", d.file());
        assertTrue(d.message().contains("cannot be converted to long[]"), d.message());
    }

    @Test
    void systemExitCrashesTheRunningTestAndLeavesTheRestNotRun() {
        GradeReport r = grade(Fixtures.submission("adder", "exits"));
        Map<String, TestStatus> s = statuses(r);
        assertEquals(TestStatus.PASSED, s.get("BasicsTest.addsSmallNumbers"));
        assertEquals(TestStatus.CRASHED, s.get("BasicsTest.zeroPlusXIsX"));
        assertEquals(TestStatus.NOT_RUN, s.get("OverflowTest.sumOfLargeValuesDoesNotOverflow"));
        assertEquals(RunEnding.CRASHED, r.run().ending());
        assertTrue(
                r.run().message().contains("terminated the JVM with System.exit(0) during BasicsTest.zeroPlusXIsX"),
                r.run().message());
        assertEquals(30.0, r.score());
    }

    @Test
    void codeThatBreaksThePolicyIsNotRunAndScoresZero() {
        GradeReport r = grade(Fixtures.submission("adder", "reflects"));
        assertEquals(GradeStatus.POLICY_VIOLATION, r.status());
        assertEquals(0.0, r.score());
        assertEquals(null, r.run(), "the code never ran");
        assertEquals(
                List.of(
                        "reflection java.lang.Class.getMethod com/acme/adder/Adder.java:10",
                        "access-override java.lang.reflect.Method.setAccessible com/acme/adder/Adder.java:11",
                        "reflection java.lang.reflect.Method.invoke com/acme/adder/Adder.java:12"),
                r.policyViolations().stream()
                        .map(v -> v.rule() + " " + v.api() + " " + v.location())
                        .toList());
        assertTrue(
                r.statusMessage()
                        .contains("uses java.lang.reflect.Method.setAccessible at com/acme/adder/Adder.java:11"),
                r.statusMessage());
        assertTrue(
                r.timing().policy() >= 0 && r.timing().policy() < r.timing().total() + 0.01,
                r.timing().toString());
    }

    @Test
    void aTestThatNeverReturnsTimesOutAndIsNeverPassed() {
        GradeReport r = grade(Fixtures.submission("adder", "loops"));
        Map<String, TestStatus> s = statuses(r);
        assertEquals(TestStatus.PASSED, s.get("BasicsTest.addsSmallNumbers"));
        assertEquals(TestStatus.TIMED_OUT, s.get("BasicsTest.zeroPlusXIsX"));
        assertTrue(r.tests().stream()
                .filter(t -> t.name().equals("BasicsTest.zeroPlusXIsX"))
                .findFirst()
                .orElseThrow()
                .message()
                .contains("timed out after 2s"));
        assertEquals(
                TestStatus.PASSED,
                s.get("OverflowTest.sumOfLargeValuesDoesNotOverflow"),
                "the tests after a timed-out one run in a fresh JVM");
        assertTrue(
                r.run().message().contains("1 test timed out; the test JVM was restarted"),
                r.run().message());
        assertTrue(
                r.timing().total() < 30,
                "the whole-run limit is 30 s; took " + r.timing().total());
    }

    @Test
    void printingAFakeEventDoesNotPassAFailingTest() {
        GradeReport r = grade(Fixtures.submission("adder", "fake-output"));
        Map<String, TestStatus> s = statuses(r);
        assertEquals(TestStatus.FAILED, s.get("BasicsTest.addsSmallNumbers"));
        TestScore failed = r.tests().stream()
                .filter(t -> t.name().equals("BasicsTest.addsSmallNumbers"))
                .findFirst()
                .orElseThrow();
        assertNotNull(failed.output(), "the test's own stdout is kept for the report");
        assertTrue(failed.output().contains("\"status\":\"passed\""), failed.output());
        assertEquals(40.0, r.score());
    }

    @Test
    void sameSeedSameReportNumbers(@TempDir Path dir) throws IOException {
        // The overflow mutant fails with a message built from the seeded data: the same seed gives the same message,
        // another seed another one.
        Mutant overflow = adder.mutants().stream()
                .filter(m -> m.name().equals("int-overflow"))
                .findFirst()
                .orElseThrow();
        Path mutant = Variants.mutant(adder, overflow, dir.resolve("mutant"));
        GradeReport first = grader.grade(adder, mutant, new GradeOptions(99, false));
        GradeReport again = grader.grade(adder, mutant, new GradeOptions(99, false));
        GradeReport other = grader.grade(adder, mutant, new GradeOptions(100, false));
        assertEquals(99, first.seed());
        assertEquals(outcomes(first), outcomes(again), "the same seed must give the same tests, verdicts and messages");
        assertEquals(first.score(), again.score());
        assertTrue(
                outcomes(first).values().stream().anyMatch(m -> m.contains("near Integer.MAX_VALUE")),
                outcomes(first).toString());
        assertNotEquals(outcomes(first), outcomes(other), "another seed must give other data");
        assertTrue(JsonReport.toJson(first).contains("\"seed\" : 99"));
    }

    /** Each test's name with its status and failure message. */
    private static Map<String, String> outcomes(GradeReport r) {
        return r.tests().stream().collect(Collectors.toMap(TestScore::name, t -> t.status() + ": " + t.message()));
    }
}
