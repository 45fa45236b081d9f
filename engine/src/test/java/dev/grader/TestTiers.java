package dev.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * The test tiers, as JUnit tags: {@code mvn -B test -Pfast} leaves out every tagged test (the fast loop), {@code mvn
 * -B verify} runs them all. A test class carries the tag of the slowest thing it does.
 */
public final class TestTiers {

    /**
     * The build's second line of test classes (the engine's pom): the classes that hold this lock and are marked
     * {@code @Execution(CONCURRENT)} (the validation of every exercise, PIT) run one after the other beside the rest,
     * which run one at a time. A class of the rest that must not run beside them holds the lock too, and comes last
     * ({@code @Order(Integer.MAX_VALUE)}, or it holds up the classes after it): the hostile corpora, whose limits are
     * cut to seconds.
     */
    public static final String SECOND_LINE = "the build's second line of test classes";

    private TestTiers() {}

    /** Grades for real: compiles submissions and runs hidden suites in test JVMs (seconds each). */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Tag("grades")
    public @interface Grades {}

    /** Renders pages in a headless Chromium. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Tag("browser")
    public @interface Browser {}

    /**
     * Needs a Docker engine (Testcontainers databases, {@code --sandbox docker}). Left out unless
     * {@code GRADER_DOCKER_TESTS=required}, and then failing, never skipped, without an engine.
     */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Tag("docker")
    public @interface Docker {}
}
