package dev.grader.engine;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.workspace.Variants;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a grade on the machine's defaults (a local test JVM, the embedded database): the grader, a process of
 * its own as a user starts it, gets SIGINT while its test JVM and its database server run, ends with the interrupted
 * status 130, and leaves no test JVM running and no folder of its own (scratch, the submission's copy, the database's data)
 * in its temporary folder. {@link DockerInterruptTest} does the same with Docker.
 */
@TestTiers.Grades
class InterruptTest {

    @Test
    void ctrlCDuringAGradeLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        ExerciseCatalog catalog = new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
        Path submission = Variants.solution(catalog.get("n-plus-one"), tmp.resolve("submission"));
        try (GraderProcess grader = GraderProcess.grade(tmp, "n-plus-one", submission, List.of("--db", "embedded"))) {
            grader.awaitTestJvm();
            grader.awaitProcess("bin/postgres"); // the tests' database server, started beside the test JVM
            grader.interrupt();
            grader.assertNothingLeft();
        }
    }

    /**
     * Ctrl-C during a validation, whose next variants would otherwise go on through the exit, each failing on folders
     * being deleted: nothing is left, and no verdict of the interrupted work is printed.
     */
    @Test
    void ctrlCDuringAValidationLeavesNothingAndPrintsNoVerdict(@TempDir Path tmp) throws Exception {
        try (GraderProcess grader = GraderProcess.validate(
                tmp, "rate-limiter", List.of("--repeat", "1", "--jobs", "2", "--db", "embedded"))) {
            grader.awaitTestJvm();
            grader.interrupt();
            grader.assertNothingLeft();
        }
    }
}
