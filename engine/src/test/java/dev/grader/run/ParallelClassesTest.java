package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.build.ClasspathResolver;
import dev.grader.build.CompileResult;
import dev.grader.build.JavaCompilation;
import dev.grader.exercise.Parallelism;
import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden test classes run two at a time in a real test JVM (fixtures/parallel-classes): LeftTest and RightTest pass
 * only when they run at the same time (each waits at a barrier for the other); AloneTest, isolated, passes only when it
 * runs after them with no other test beside it. Each test's output holds what it and the threads it started printed,
 * nothing of the test running beside it.
 */
class ParallelClassesTest {

    @Test
    void classesRunTwoAtATimeAndTheIsolatedOneAlone(@TempDir Path tmp) throws IOException {
        RunOutcome outcome = run(tmp, Map.of());

        assertEquals(RunEnding.COMPLETED, outcome.ending(), outcome.endingMessage());
        assertEquals(3, outcome.tests().size(), outcome.tests().toString());
        assertTrue(
                outcome.tests().stream().allMatch(t -> t.status() == TestStatus.PASSED),
                outcome.tests().toString());
        assertEquals("left arrives\nleft's own thread\n", output(outcome, "meetsRight"));
        assertEquals("right arrives\nright's own thread\n", output(outcome, "meetsLeft"));
        assertEquals("alone\n", output(outcome, "runsAloneAfterTheOthers"));
    }

    /**
     * RightTest calls System.exit while LeftTest waits beside it: the exit could be either's, so the tests that had
     * not finished run again one class after another, and the exit is then pinned on RightTest alone.
     */
    @Test
    void anExitWhileClassesRunInParallelIsPinnedOnItsTestByARunOneClassAtATime(@TempDir Path tmp) throws IOException {
        RunOutcome outcome = run(tmp, Map.of("par.exit", "true", "par.wait.ms", "1500"));

        assertEquals(RunEnding.CRASHED, outcome.ending(), outcome.endingMessage());
        assertTrue(
                outcome.endingMessage().contains("System.exit(3) during RightTest.meetsLeft"), outcome.endingMessage());
        assertFalse(outcome.endingMessage().contains("LeftTest"), outcome.endingMessage());
        assertEquals(TestStatus.CRASHED, status(outcome, "meetsLeft"));
        assertEquals(TestStatus.FAILED, status(outcome, "meetsRight"), "alone, left waits for right in vain");
        assertEquals(
                TestStatus.FAILED,
                status(outcome, "runsAloneAfterTheOthers"),
                "one class after another, in plan order: before left and right");
        assertTrue(outcome.endingMessage().contains("ran again, one class after another"), outcome.endingMessage());
    }

    private static RunOutcome run(Path tmp, Map<String, String> properties) throws IOException {
        return run(tmp, "parallel-classes", properties, new Parallelism(2, List.of("AloneTest")));
    }

    /**
     * A test's own {@code TimeoutException} (a {@code Future.get} with a timeout) long before the per-test limit is its
     * failure, not a timeout: the JVM is not stopped and the test is not reported as having run out of time.
     */
    @Test
    void aTestsOwnTimeoutExceptionIsAFailureNotATimeout(@TempDir Path tmp) throws IOException {
        RunOutcome outcome = run(tmp, "own-timeout", Map.of(), Parallelism.SEQUENTIAL);

        assertEquals(RunEnding.COMPLETED, outcome.ending(), outcome.endingMessage());
        assertEquals(TestStatus.FAILED, status(outcome, "waitsBrieflyForAFutureThatNeverCompletes"));
        assertEquals(TestStatus.PASSED, status(outcome, "passes"));
    }

    static RunOutcome run(Path tmp, String fixture, Map<String, String> properties, Parallelism parallel)
            throws IOException {
        List<Path> libraries = new ClasspathResolver(Fixtures.cache(), Fixtures.settings())
                .resolve(Fixtures.fixtureCatalog().get("adder"));
        Path sources = Fixtures.root().resolve(fixture);
        Path hidden = tmp.resolve("hidden");
        CompileResult compiled =
                JavaCompilation.compile(FileTrees.files(sources, ".java"), libraries, hidden, 17, sources);
        assertTrue(compiled.success(), compiled.diagnostics().toString());
        List<Path> classpath = new ArrayList<>(libraries);
        classpath.add(hidden);
        RunRequest request = new RunRequest(
                classpath,
                hidden,
                Files.createDirectories(tmp.resolve("run")),
                Duration.ofSeconds(20),
                Duration.ofSeconds(60),
                "128m",
                properties,
                false,
                null,
                List.of(),
                parallel);
        try (ForkedTestRunner runner = new ForkedTestRunner(Fixtures.settings())) {
            return runner.run(request);
        }
    }

    private static TestStatus status(RunOutcome outcome, String method) {
        return outcome.tests().stream()
                .filter(t -> t.method().equals(method))
                .findFirst()
                .orElseThrow()
                .status();
    }

    private static String output(RunOutcome outcome, String method) {
        return outcome.tests().stream()
                .filter(t -> t.method().equals(method))
                .findFirst()
                .orElseThrow()
                .output();
    }
}
