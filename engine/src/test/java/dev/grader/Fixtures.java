package dev.grader;

import dev.grader.exercise.ExerciseCatalog;
import java.nio.file.Path;

/** Paths of the test fixtures and of the repository's own exercises. */
public final class Fixtures {

    private Fixtures() {}

    public static Path root() {
        return Path.of("src/test/resources/fixtures").toAbsolutePath();
    }

    public static ExerciseCatalog fixtureCatalog() {
        return new ExerciseCatalog(root().resolve("exercises"));
    }

    public static Path submission(String exercise, String name) {
        return root().resolve("submissions").resolve(exercise).resolve(name);
    }

    /** The repository root (set by the build as grader.home). */
    public static Path repository() {
        return Path.of(System.getProperty("grader.home", "..")).toAbsolutePath().normalize();
    }

    /** Shared classpath cache for the test run. */
    public static Path cache() {
        return Path.of("target/test-cache").toAbsolutePath();
    }

    /** The grader's settings for tests: those of the test process's environment, as the command line reads them. */
    public static dev.grader.model.GraderSettings settings() {
        return dev.grader.model.GraderSettings.from(System.getenv());
    }

    /** Services with the database settings of the test process's environment ({@code GRADER_DB}, ...). */
    public static dev.grader.services.Services services() {
        return new dev.grader.services.Services(dev.grader.support.postgres.PostgresSettings.fromEnvironment());
    }
}
