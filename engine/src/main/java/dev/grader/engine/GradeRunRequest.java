package dev.grader.engine;

import dev.grader.exercise.Exercise;
import dev.grader.exercise.Manifest;
import dev.grader.exercise.Service;
import dev.grader.run.RunRequest;
import dev.grader.workspace.WorkFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the test JVM of one grade runs, and with which limits, from the exercise's manifest. */
final class GradeRunRequest {

    private GradeRunRequest() {}

    /**
     * The test JVM's run: the libraries first (the same jars on every grade: the test JVM maps them from a class
     * archive), the submission's classes last, so a class of its own named like a library's (a no-op
     * org.junit.jupiter.api.Assertions, say) or like a hidden one never shadows the real one.
     */
    static RunRequest of(Exercise exercise, List<Path> classpath, WorkFolder work, GradeOptions options) {
        Manifest m = exercise.manifest();
        List<Path> runCp = new ArrayList<>(classpath);
        runCp.add(work.hiddenClasses());
        runCp.add(work.mainClasses());
        return new RunRequest(
                runCp,
                work.hiddenClasses(),
                work.runDir(),
                m.limits().perTest(),
                m.limits().wholeRun(),
                m.limits().memoryOption(),
                Map.of("grader.seed", Long.toString(options.seed())),
                m.needs(Service.POSTGRES),
                null,
                List.of(),
                m.parallel(),
                options.onlyTests());
    }
}
