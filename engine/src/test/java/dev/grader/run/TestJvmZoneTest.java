package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grader.exercise.Parallelism;
import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test JVM's default time zone is not UTC (fixtures/jvm-zone), so that code taking a local date-time for an
 * instant fails under the grader as it would on a server elsewhere.
 */
class TestJvmZoneTest {

    @Test
    void aLocalDateTimeReadAsUtcIsNotTheInstant(@TempDir Path tmp) throws IOException {
        RunOutcome outcome = ParallelClassesTest.run(tmp, "jvm-zone", Map.of(), Parallelism.SEQUENTIAL);

        assertEquals(RunEnding.COMPLETED, outcome.ending(), outcome.endingMessage());
        assertEquals(1, outcome.tests().size(), outcome.tests().toString());
        assertEquals(
                TestStatus.PASSED,
                outcome.tests().get(0).status(),
                outcome.tests().toString());
    }
}
