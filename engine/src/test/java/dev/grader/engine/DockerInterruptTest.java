package dev.grader.engine;

import dev.grader.DockerEngine;
import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.workspace.Variants;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ctrl-C during a grade, against a real Docker engine: the grader runs as a process of its own (as a user starts
 * it), gets SIGINT while its container runs (the test JVM's under {@code --sandbox docker}, the database's under
 * {@code --db testcontainers}), ends with the interrupted status 130, and leaves no container of the grader's
 * behind, no test JVM running, nor a folder of its own in its temporary folder ({@link GraderProcess}).
 */
@TestTiers.Docker
class DockerInterruptTest {

    private static final Path CORPUS = Fixtures.repository().resolve("corpus/hostile");

    @BeforeAll
    static void dockerEngineAnswers() {
        DockerEngine.require();
    }

    /** What is graded, how, and the role of the container running when Ctrl-C comes. */
    static Stream<Arguments> grades() {
        return Stream.of(
                Arguments.of("sandbox", List.of("--sandbox", "docker"), "grader-jvm-"),
                Arguments.of("database", List.of("--db", "testcontainers"), "grader-db-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grades")
    void ctrlCDuringAGradeLeavesNoContainer(String what, List<String> mode, String container, @TempDir Path tmp)
            throws Exception {
        ExerciseCatalog catalog = new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
        String exercise;
        Path submission;
        if (what.equals("sandbox")) { // a test that sleeps until its limit: the container runs for seconds
            HostileCase c = HostileCase.load(CORPUS.resolve("sleep-forever"));
            exercise = c.exercise();
            submission = c.materialise(catalog.get(exercise), tmp.resolve("submission"), tmp.resolve("outside"));
        } else {
            exercise = "n-plus-one";
            submission = Variants.solution(catalog.get(exercise), tmp.resolve("submission"));
        }
        try (GraderProcess grader = GraderProcess.grade(tmp, exercise, submission, mode)) {
            grader.await(
                    "a container " + container + "* ran",
                    () -> DockerEngine.graderContainers().stream()
                            .anyMatch(c -> c.contains(container) && c.endsWith("running")));
            grader.interrupt();
            DockerEngine.assertNoGraderContainer();
            grader.assertNothingLeft();
        }
    }
}
