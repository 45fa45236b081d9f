package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.exercise.Parallelism;
import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threads reported as left running after the tests are the ones that do not end, not the workers of a pool a
 * test shut down a moment before it returned (fixtures/ending-threads): those end within the runner's grace.
 */
class LeftoverThreadsTest {

    @Test
    void aPoolStillEndingIsNotReportedAThreadThatNeverEndsIs(@TempDir Path tmp) throws IOException {
        RunOutcome outcome = ParallelClassesTest.run(tmp, "ending-threads", Map.of(), Parallelism.SEQUENTIAL);

        assertEquals(RunEnding.COMPLETED, outcome.ending(), outcome.endingMessage());
        assertTrue(
                outcome.tests().stream().allMatch(t -> t.status() == TestStatus.PASSED),
                outcome.tests().toString());
        assertTrue(
                outcome.endingMessage().contains("left 1 thread running after the tests (left-behind)"),
                outcome.endingMessage());
    }
}
