package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import dev.grader.run.child.Event;
import dev.grader.run.child.Event.Result;
import dev.grader.run.child.Field;
import dev.grader.support.precondition.PreconditionNotMet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RunSession} on scripted event streams from a {@link ScriptedJvm}: no process, no socket. */
class RunSessionTest {

    private static final String A = "[engine:junit-jupiter]/[class:T]/[method:a()]";
    private static final String B = "[engine:junit-jupiter]/[class:T]/[method:b()]";
    private static final String CLASS = "[engine:junit-jupiter]/[class:T]";

    private static RunRequest request() {
        return new RunRequest(
                List.of(),
                Path.of("hidden"),
                Path.of("work"),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                "64m",
                Map.of(),
                false);
    }

    private static Map<Field, Object> entry(String id, String method) {
        Map<Field, Object> e = new EnumMap<>(Field.class);
        e.put(Field.ID, id);
        e.put(Field.CLASS, "com.acme.T");
        e.put(Field.METHOD, method);
        e.put(Field.DISPLAY, method + "()");
        e.put(Field.TAGS, List.of());
        e.put(Field.ANCESTORS, List.of(CLASS, "[engine:junit-jupiter]"));
        return e;
    }

    private static Object plan() {
        return Event.PLAN.line().with(Field.TESTS, List.of(entry(A, "a"), entry(B, "b")));
    }

    static Object started(String id) {
        return Event.STARTED.line().with(Field.ID, id);
    }

    static Object finished(String id, Result result) {
        return Event.FINISHED
                .line()
                .with(Field.ID, id)
                .with(Field.STATUS, result.wire())
                .with(Field.MESSAGE, result == Result.PASSED ? null : "expected 1 but was 2")
                .with(Field.DURATION_MS, 3);
    }

    static Object done() {
        Map<Field, Object> left = new EnumMap<>(Field.class);
        left.put(Field.COUNT, 0);
        left.put(Field.NAMES, List.of());
        return Event.DONE.line().with(Field.THREADS_LEFT, left);
    }

    /** Follows {@code jvm}'s script to its end. */
    private static Run follow(ScriptedJvm jvm, long wholeRunMillis, long outputLimit) {
        RunSession session =
                new RunSession(request(), jvm, System.nanoTime() + wholeRunMillis * 1_000_000, outputLimit);
        session.follow(jvm);
        return new Run(session.outcome("", "", 5), session);
    }

    private static Run follow(ScriptedJvm jvm) {
        return follow(jvm, 10_000, 1 << 20);
    }

    private record Run(RunOutcome outcome, RunSession session) {
        TestStatus status(String id) {
            return outcome.tests().stream()
                    .filter(t -> t.id().equals(id))
                    .findFirst()
                    .orElseThrow()
                    .status();
        }

        void assertVoided(String phrase) {
            assertEquals(RunEnding.CRASHED, outcome.ending(), outcome.toString());
            assertTrue(
                    outcome.endingMessage().contains("the test JVM's event stream was inconsistent (" + phrase),
                    outcome.endingMessage());
            assertTrue(
                    outcome.tests().stream().noneMatch(t -> t.status() == TestStatus.PASSED),
                    outcome.tests().toString());
            assertTrue(session.voided() != null);
        }
    }

    @Test
    void aWellFormedStreamGivesEachTestItsStatus() {
        Run run = follow(new ScriptedJvm(0)
                .then(plan())
                .then(started(A))
                .then(finished(A, Result.PASSED))
                .then(started(B))
                .then(finished(B, Result.FAILED))
                .then(done())
                .end());

        assertEquals(RunEnding.COMPLETED, run.outcome().ending(), run.outcome().endingMessage());
        assertEquals(TestStatus.PASSED, run.status(A));
        assertEquals(TestStatus.FAILED, run.status(B));
        assertNull(run.session().voided());
    }

    @Test
    void aSkippedTestMayFinishWithoutAStartAndAFailedClassCoversItsTests() {
        Object skipped = Event.FINISHED.line().with(Field.ID, A).with(Field.STATUS, Result.SKIPPED.wire());
        Object classFailed = Event.CONTAINER
                .line()
                .with(Field.ID, CLASS)
                .with(Field.STATUS, Result.FAILED.wire())
                .with(Field.MESSAGE, "boom in @BeforeAll");
        Run run = follow(new ScriptedJvm(0)
                .then(plan())
                .then(skipped)
                .then(classFailed)
                .then(done())
                .end());

        assertEquals(RunEnding.COMPLETED, run.outcome().ending(), run.outcome().endingMessage());
        assertEquals(TestStatus.SKIPPED, run.status(A));
        assertEquals(TestStatus.FAILED, run.status(B));
        assertNull(run.session().voided());
    }

    @Test
    void aTestAbortedByAPreconditionOfAnotherRuleIsNotEvaluatedAndAPlainAbortIsSkipped() {
        String message = "not evaluated because rule 'order' failed first: the first page is [3, 1]";
        Run run = follow(new ScriptedJvm(0)
                .then(plan())
                .then(started(A))
                .then(Event.FINISHED
                        .line()
                        .with(Field.ID, A)
                        .with(Field.STATUS, Result.SKIPPED.wire())
                        .with(Field.MESSAGE, message)
                        .with(Field.EXCEPTION, PreconditionNotMet.class.getName()))
                .then(started(B))
                .then(Event.FINISHED
                        .line()
                        .with(Field.ID, B)
                        .with(Field.STATUS, Result.SKIPPED.wire())
                        .with(Field.MESSAGE, message)
                        .with(Field.EXCEPTION, "org.opentest4j.TestAbortedException"))
                .then(done())
                .end());

        assertEquals(TestStatus.NOT_EVALUATED, run.status(A));
        assertEquals(TestStatus.SKIPPED, run.status(B), "only the support library's precondition is one");
    }

    @Test
    void aRunPastItsWholeLimitIsStoppedAndTheRunningTestTimesOut() {
        ScriptedJvm jvm = new ScriptedJvm(null).then(plan()).then(started(A));
        Run run = follow(jvm, 300, 1 << 20);

        assertEquals(RunEnding.TIMED_OUT, run.outcome().ending());
        assertTrue(
                run.outcome().endingMessage().startsWith("the whole run exceeded its limit"),
                run.outcome().endingMessage());
        assertEquals(TestStatus.TIMED_OUT, run.status(A));
        assertEquals(TestStatus.NOT_RUN, run.status(B));
        assertTrue(jvm.closed, "the JVM must be stopped");
    }

    @Test
    void silenceWhileNoTestRunsIsAStallOutsideTestsNotATestTimeout() {
        ScriptedJvm jvm = new ScriptedJvm(null).then(plan()); // then nothing, as a class set-up that never ends
        Run run = follow(jvm);

        assertEquals(RunEnding.TIMED_OUT, run.outcome().ending());
        assertTrue(
                run.outcome().endingMessage().startsWith("the test JVM made no progress for"),
                run.outcome().endingMessage());
        assertTrue(run.session().stalledOutsideTests);
        assertFalse(run.session().testTimedOut);
        assertEquals(TestStatus.NOT_RUN, run.status(A));
        assertEquals(TestStatus.NOT_RUN, run.status(B));
        assertTrue(jvm.closed, "the JVM must be stopped");
    }

    @Test
    void aTestThatTimedOutStopsTheJvmForARestart() {
        ScriptedJvm jvm = new ScriptedJvm(null).then(plan()).then(started(A)).then(finished(A, Result.TIMED_OUT));
        Run run = follow(jvm);

        assertEquals(RunEnding.TIMED_OUT, run.outcome().ending());
        assertTrue(run.session().testTimedOut);
        assertFalse(run.session().stalledOutsideTests);
        assertEquals(TestStatus.TIMED_OUT, run.status(A));
        assertEquals(TestStatus.NOT_RUN, run.status(B));
    }

    @Test
    void anExitInTheMiddleOfATestCrashesItAndSaysWhoCalledIt() {
        Object exit = Event.EXIT.line().with(Field.VIA, "System.exit").with(Field.CALLER, "com.acme.X.y(X.java:3)");
        Run run = follow(
                new ScriptedJvm(0).then(plan()).then(started(A)).then(exit).end());

        assertEquals(RunEnding.CRASHED, run.outcome().ending());
        assertEquals(
                "the code under test terminated the JVM with System.exit(0) during T.a (called at com.acme.X.y(X.java:3))",
                run.outcome().endingMessage());
        assertEquals(TestStatus.CRASHED, run.status(A));
        assertEquals(TestStatus.NOT_RUN, run.status(B));
    }

    @Test
    void anOutputFloodStopsTheJvm() {
        byte[] flood = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        ScriptedJvm jvm = new ScriptedJvm(null).then(plan()).then(started(A)).print(flood);
        Run run = follow(jvm, 10_000, 4096);

        assertEquals(RunEnding.CRASHED, run.outcome().ending());
        assertTrue(
                run.outcome().endingMessage().contains("of output to the test JVM's stdout and stderr"),
                run.outcome().endingMessage());
        assertEquals(TestStatus.CRASHED, run.status(A));
        assertTrue(jvm.closed);
    }

    @Test
    void aJvmThatNeverSendsAPlanCrashedWithNoTests() {
        Run run = follow(new ScriptedJvm(1).end());

        assertEquals(RunEnding.CRASHED, run.outcome().ending());
        assertTrue(run.outcome().tests().isEmpty());
        assertNull(run.session().voided());
    }

    @Test
    void doneWithoutAPlanVoidsTheRun() {
        follow(new ScriptedJvm(0).then(done()).end()).assertVoided("a done event before the plan");
    }

    @Test
    void aSecondFinishOfATestVoidsTheRunEvenItsEarlierPasses() {
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then(started(A))
                        .then(finished(A, Result.FAILED))
                        .then(finished(A, Result.PASSED))
                        .then(started(B))
                        .then(finished(B, Result.PASSED))
                        .then(done())
                        .end())
                .assertVoided("a second finish of test " + A);
    }

    @Test
    void aSecondStartVoidsTheRun() {
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then(started(A))
                        .then(finished(A, Result.PASSED))
                        .then(started(A))
                        .end())
                .assertVoided("a second start of test " + A);
    }

    @Test
    void aFinishOfATestThatDidNotStartVoidsTheRun() {
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then(started(A))
                        .then(finished(A, Result.PASSED))
                        .then(finished(B, Result.PASSED))
                        .then(done())
                        .end())
                .assertVoided("a finish of test " + B + ", which was not running");
    }

    @Test
    void twoTestsRunningAtOnceVoidTheRun() {
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then(started(A))
                        .then(started(B))
                        .then(finished(A, Result.PASSED))
                        .end())
                .assertVoided("a start of test " + B + " while test " + A + " was running");
    }

    @Test
    void aTestNotInThePlanVoidsTheRun() {
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then(started("[engine:junit-jupiter]/[class:T]/[method:forged()]"))
                        .end())
                .assertVoided(
                        "a start of test [engine:junit-jupiter]/[class:T]/[method:forged()], which is not in the plan");
    }

    @Test
    void anEventAfterDoneVoidsTheRun() {
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then(started(A))
                        .then(finished(A, Result.PASSED))
                        .then(started(B))
                        .then(finished(B, Result.FAILED))
                        .then(done())
                        .then(finished(B, Result.PASSED))
                        .end())
                .assertVoided("a finished event after done");
    }

    @Test
    void aLimitPassedBetweenDoneAndTheHaltIsNoViolation() {
        Object limit =
                Event.LIMIT.line().with(Field.WHAT, "threads").with(Field.MESSAGE, "started more than 1000 threads");
        Run run = follow(new ScriptedJvm(0)
                .then(plan())
                .then(started(A))
                .then(finished(A, Result.PASSED))
                .then(started(B))
                .then(finished(B, Result.PASSED))
                .then(done())
                .then(limit)
                .end());

        assertNull(run.session().voided());
        assertEquals(TestStatus.PASSED, run.status(B));
    }

    @Test
    void doneWithAPlannedTestNeverReportedVoidsTheRun() {
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then(started(A))
                        .then(finished(A, Result.PASSED))
                        .then(done())
                        .end())
                .assertVoided("done with 1 planned test never reported (" + B + ")");
    }

    @Test
    void anUnknownEventOrStatusVoidsTheRun() {
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then("{\"event\":\"passed_all\"}")
                        .end())
                .assertVoided("an event of unknown type \"passed_all\"");
        follow(new ScriptedJvm(0)
                        .then(plan())
                        .then(started(A))
                        .then(Event.FINISHED.line().with(Field.ID, A).with(Field.STATUS, "great"))
                        .end())
                .assertVoided("a finish of test " + A + " with no known status");
    }
}
