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
