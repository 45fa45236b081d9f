package dev.grader.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts test JVMs: as local processes ({@link LocalLauncher}) or in containers ({@link DockerLauncher}). It
 * decides how the grader's paths look from inside, which {@code java} runs, and how the event channel is
 * reached.
 */
interface TestJvmLauncher extends AutoCloseable {

    /** The {@code java} executable as the test JVM's side sees it. */
    String java();

    /** {@code hostPath} as the test JVM sees it. */
    String path(Path hostPath);

    /**
     * A system property's value as the test JVM of the grade working in {@code workDir} must see it (a database URL
     * from inside a container, say).
     */
    default String propertyValue(String value, Path workDir) {
        return value;
    }

    /** Called when the grade working in {@code workDir} is over: nothing of it will start again. */
    default void released(Path workDir) {}

    /** Opens the grader's end of the event channel; {@code privateDir} is a folder only the grader writes to. */
    EventServer openChannel(Path privateDir) throws IOException;

    /**
     * JVM options for a test JVM whose classpath starts with the jars {@code libraries} (see {@link ClassArchive});
     * {@code record} is a file in its work folder it may write. None by default.
     */
    default List<String> classArchiveOptions(List<Path> libraries, Path record) {
        return List.of();
    }

    /** Called after a test JVM given {@link #classArchiveOptions} ended; {@code completed} when it ran to its end. */
    default void ended(List<Path> libraries, Path record, boolean completed) {}

    /** Starts a JVM. */
    TestJvm start(JvmLaunch launch) throws IOException;

    /** What the report says about the sandbox (one phrase). */
    String description();

    /** A warning for every report graded with this launcher (what it does not contain), or null. */
    default String warning() {
        return null;
    }

    @Override
    void close();
}
