package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** Resource limits of the test JVM. */
public record Limits(Duration perTest, Duration wholeRun, long memoryBytes) {
    public Limits {
        requireNonNull(perTest, "perTest");
        requireNonNull(wholeRun, "wholeRun");
    }

    /** The heap cap as a JVM option value, e.g. {@code 256m}. */
    public String memoryOption() {
        return (memoryBytes >> 20) + "m";
    }
}
