package dev.grader.run;

import static dev.grader.run.RunSessionTest.done;
import static dev.grader.run.RunSessionTest.finished;
import static dev.grader.run.RunSessionTest.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.exercise.Parallelism;
import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import dev.grader.run.child.Control;
import dev.grader.run.child.Event;
import dev.grader.run.child.Event.Result;
import dev.grader.run.child.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RunSession} on scripted streams of a run whose test classes run two at a time ({@code parallel}). */
class ParallelRunSessionTest {

    private static final String ENGINE = "[engine:junit-jupiter]";
    private static final String T = ENGINE + "/[class:com.acme.T]";
    private static final String U = ENGINE + "/[class:com.acme.U]";
    private static final String V = ENGINE + "/[class:com.acme.V]";
    private static final String TA = T + "/[method:a()]";
    private static final String TB = T + "/[method:b()]";
    private static final String UA = U + "/[method:a()]";
    private static final String VA = V + "/[method:a()]";

    private static RunRequest request(int classes) {
        return request(classes, List.of("V"));
    }

    private static RunRequest request(int classes, List<String> isolated) {
        return new RunRequest(
                List.of(),
                Path.of("hidden"),
                Path.of("work"),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                "64m",
                Map.of(),
                false,
                null,
                List.of(),
                new Parallelism(classes, isolated));
    }

    private static Map<Field, Object> entry(String id) {
        String clazz = id.substring(0, id.indexOf("/[method:"));
        Map<Field, Object> e = new EnumMap<>(Field.class);
        e.put(Field.ID, id);
        e.put(Field.CLASS, clazz.substring(clazz.indexOf("[class:") + 7, clazz.length() - 1));
        e.put(Field.METHOD, id.substring(id.indexOf("[method:") + 8, id.indexOf("()")));
        e.put(Field.DISPLAY, "a()");
        e.put(Field.TAGS, List.of());
        e.put(Field.ANCESTORS, List.of(clazz, ENGINE));
        return e;
    }

    private static Object plan() {
        return Event.PLAN.line().with(Field.TESTS, List.of(entry(TA), entry(TB), entry(UA), entry(VA)));
    }

    private static Object classFailed(String id) {
        return Event.CONTAINER.line().with(Field.ID, id).with(Field.STATUS, Result.FAILED.wire());
    }

    private static RunOutcome follow(ScriptedJvm jvm, int classes) {
        RunSession session = new RunSession(request(classes), jvm, System.nanoTime() + 10_000_000_000L, 1 << 20);
        session.follow(jvm);
        return session.outcome("", "", 5);
    }

    private static TestOutcome test(RunOutcome run, String id) {
        return run.tests().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void testsOfTwoClassesMayRunAtTheSameTime() {
        RunOutcome run = follow(
                new ScriptedJvm(0)
                        .then(plan())
                        .then(started(TA))
                        .then(started(UA))
                        .then(finished(UA, Result.FAILED))
                        .then(started(VA))
                        .then(finished(TA, Result.PASSED))
                        .then(started(TB))
                        .then(finished(VA, Result.PASSED))
                        .then(finished(TB, Result.PASSED))
                        .then(done())
                        .end(),
                2);

        assertEquals(RunEnding.COMPLETED, run.ending(), run.endingMessage());
        assertEquals(TestStatus.PASSED, test(run, TA).status());
        assertEquals(TestStatus.FAILED, test(run, UA).status());
        assertEquals(TestStatus.PASSED, test(run, VA).status());
        assertEquals(TestStatus.PASSED, test(run, TB).status());
    }

    private static ScriptedJvm isolatedAfterShared() {
        return new ScriptedJvm(0)
                .then(plan())
                .then(started(TA))
                .then(started(UA))
                .then(finished(TA, Result.PASSED))
                .then(started(TB))
                .then(finished(UA, Result.PASSED))
                .then(finished(TB, Result.PASSED))
                .then(Event.ALONE.line())
                .then(started(VA))
                .then(finished(VA, Result.PASSED))
                .then(done())
                .end();
    }

    @Test
    void theIsolatedClassesWaitUntilNoOtherTestJvmRunsItsOwn() throws Exception {
        IsolatedClasses.Turns other = new IsolatedClasses.Turns();
        assertTrue(other.takeExclusive(() -> true) >= 0, "another run's isolated classes hold the turn");
        ScriptedJvm jvm = isolatedAfterShared();
        RunSession session = new RunSession(request(2), jvm, System.nanoTime() + 10_000_000_000L, 1 << 20);
        Thread follower = new Thread(() -> session.follow(jvm));
        follower.start();
        Thread.sleep(400);
        assertTrue(follower.isAlive(), "the run went on while another held the permit");
        assertEquals(List.of(), jvm.replies, "no answer while another run's isolated classes run");
        other.release();
        follower.join(5000);
        assertFalse(follower.isAlive());
        assertEquals(List.of(Control.ALONE), jvm.replies);
        RunOutcome run = session.outcome("", "", 5);
        assertEquals(RunEnding.COMPLETED, run.ending(), run.endingMessage());
        assertEquals(TestStatus.PASSED, test(run, VA).status());
        // the run gave the turn back when it ended: the next one gets it at once
        assertTrue(other.takeExclusive(() -> false) >= 0, "the turn was kept after the run ended");
        other.release();
    }

    @Test
    void anotherGradesCompileWaitsForTheIsolatedClassesAndTheyForIt() throws Exception {
        IsolatedClasses.Turns isolated = new IsolatedClasses.Turns();
        assertTrue(isolated.takeExclusive(() -> true) >= 0);
        java.util.concurrent.atomic.AtomicBoolean compiled = new java.util.concurrent.atomic.AtomicBoolean();
        Thread compile = new Thread(() -> IsolatedClasses.shared(() -> {
            compiled.set(true);
            return null;
        }));
        compile.start();
        compile.join(300);
        assertFalse(compiled.get(), "a compile ran while isolated classes did");
        isolated.release();
        compile.join(5000);
        assertTrue(compiled.get());

        java.util.concurrent.CountDownLatch inCompile = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch endCompile = new java.util.concurrent.CountDownLatch(1);
        Thread longCompile = new Thread(() -> IsolatedClasses.shared(() -> {
            inCompile.countDown();
            try {
                endCompile.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        longCompile.start();
        inCompile.await();
        assertEquals(-1, isolated.takeExclusive(() -> false), "isolated classes started during a compile");
        endCompile.countDown();
        longCompile.join(5000);
        assertTrue(isolated.takeExclusive(() -> true) >= 0);
        isolated.release();
    }

    @Test
    void aSecondAloneOrOneWhileATestRunsVoidsTheRun() {
        RunOutcome twice = follow(
                new ScriptedJvm(0)
                        .then(plan())
                        .then(Event.ALONE.line())
                        .then(Event.ALONE.line())
                        .end(),
                2);
        assertTrue(twice.endingMessage().contains("a second alone"), twice.endingMessage());
        RunOutcome whileRunning = follow(
                new ScriptedJvm(0)
                        .then(plan())
                        .then(started(TA))
                        .then(Event.ALONE.line())
                        .end(),
                2);
        assertTrue(
                whileRunning.endingMessage().contains("alone while test " + TA + " was running"),
                whileRunning.endingMessage());
        ScriptedJvm none =
                new ScriptedJvm(0).then(plan()).then(Event.ALONE.line()).end();
        RunSession session = new RunSession(request(2, List.of()), none, System.nanoTime() + 10_000_000_000L, 1 << 20);
        session.follow(none);
        assertTrue(
                session.outcome("", "", 5).endingMessage().contains("an alone event in a run that isolates no class"));
        assertEquals(List.of(), none.replies, "no turn for a run that isolates nothing");
        IsolatedClasses.Turns next = new IsolatedClasses.Turns();
        assertTrue(next.takeExclusive(() -> false) >= 0, "a voided run gave the turn back");
        next.release();
    }

    @Test
    void moreTestsAtOnceThanTheExerciseAllowsVoidTheRun() {
        RunOutcome run = follow(
                new ScriptedJvm(0)
                        .then(plan())
                        .then(started(TA))
                        .then(started(UA))
                        .then(started(VA))
                        .then(finished(VA, Result.PASSED))
                        .end(),
                2);

        assertEquals(RunEnding.CRASHED, run.ending());
        assertTrue(
                run.endingMessage().contains("a start of test " + VA + " while 2 tests were running"),
                run.endingMessage());
        assertTrue(
                run.tests().stream().noneMatch(t -> t.status() == TestStatus.PASSED),
                run.tests().toString());
    }

    @Test
    void oneClassAfterAnotherStaysTheRuleWithoutParallel() {
        RunOutcome run = follow(
                new ScriptedJvm(0)
                        .then(plan())
                        .then(started(TA))
                        .then(started(UA))
                        .end(),
                1);

        assertEquals(RunEnding.CRASHED, run.ending());
        assertTrue(
                run.endingMessage().contains("a start of test " + UA + " while test " + TA + " was running"),
                run.endingMessage());
    }

    @Test
    void aClassMayEndWhileAnotherClassRunsButNotWhileItsOwnTestDoes() {
        RunOutcome other = follow(
                new ScriptedJvm(0)
                        .then(plan())
                        .then(started(TA))
                        .then(classFailed(U))
                        .then(finished(TA, Result.PASSED))
                        .then(started(TB))
                        .then(finished(TB, Result.PASSED))
                        .then(classFailed(V))
                        .then(done())
                        .end(),
                2);
        assertEquals(RunEnding.COMPLETED, other.ending(), other.endingMessage());
        assertEquals(TestStatus.FAILED, test(other, UA).status());
        assertEquals(TestStatus.PASSED, test(other, TA).status());

        RunOutcome own = follow(
                new ScriptedJvm(0)
                        .then(plan())
                        .then(started(TA))
                        .then(classFailed(T))
                        .end(),
                2);
        assertEquals(RunEnding.CRASHED, own.ending());
        assertTrue(
                own.endingMessage().contains("a container's end while test " + TA + " was running"),
                own.endingMessage());
    }

    @Test
    void aCrashWhileTwoClassesRunLeavesBothToRunAgainOneClassAtATime() {
        ScriptedJvm jvm = new ScriptedJvm(3)
                .then(plan())
                .then(started(TA))
                .then(started(UA))
                .end();
        RunSession session = new RunSession(request(2), jvm, System.nanoTime() + 10_000_000_000L, 1 << 20);
        session.follow(jvm);
        RunOutcome run = session.outcome("", "", 5);

        assertEquals(RunEnding.CRASHED, run.ending());
        assertTrue(session.rerunAlone);
        assertEquals(TestStatus.NOT_RUN, test(run, TA).status());
        assertTrue(
                test(run, UA).message().contains("to be run again one class after another"),
                test(run, UA).message());
        assertTrue(run.endingMessage().contains("T.a or U.a"), run.endingMessage());
    }

    @Test
    void aCrashDuringOneTestIsThatTestsEvenWithClassesInParallel() {
        ScriptedJvm jvm = new ScriptedJvm(3).then(plan()).then(started(TA)).end();
        RunSession session = new RunSession(request(2), jvm, System.nanoTime() + 10_000_000_000L, 1 << 20);
        session.follow(jvm);
        RunOutcome run = session.outcome("", "", 5);

        assertFalse(session.rerunAlone);
        assertEquals(TestStatus.CRASHED, test(run, TA).status());
    }

    @Test
    void aTimeoutStopsTheJvmAndTheTestsBesideItAreLeftToRunAgain() {
        ScriptedJvm jvm = new ScriptedJvm(null)
                .then(plan())
                .then(started(TA))
                .then(started(UA))
                .then(finished(TA, Result.TIMED_OUT));
        RunOutcome run = follow(jvm, 2);

        assertEquals(RunEnding.TIMED_OUT, run.ending());
        assertEquals(TestStatus.TIMED_OUT, test(run, TA).status());
        TestOutcome beside = test(run, UA);
        assertEquals(TestStatus.NOT_RUN, beside.status(), beside.toString());
        assertTrue(
                beside.message().contains("stopped when T.a, running at the same time, timed out"), beside.message());
        assertEquals(TestStatus.NOT_RUN, test(run, TB).status());
        assertTrue(jvm.closed, "the JVM must be stopped");
        assertNull(
                run.endingMessage().contains(" during ") ? "the ending names no test beside it" : null,
                run.endingMessage());
    }
}
