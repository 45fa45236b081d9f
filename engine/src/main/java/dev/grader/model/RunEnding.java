package dev.grader.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a test run ended (the report's {@code run.ending}). */
public enum RunEnding {
    /** The runner ran its plan to the end (some tests may still have failed). */
    COMPLETED,
    /** A limit was hit (a test's, the whole run's, no progress) and the test JVM was stopped. */
    TIMED_OUT,
    /** The test JVM ended early: it exited, crashed, ran out of memory, flooded its output or broke the protocol. */
    CRASHED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ending its report text names ({@code completed}, {@code timed_out}, {@code crashed}). */
    @JsonCreator
    public static RunEnding of(String json) {
        return valueOf(json.toUpperCase(Locale.ROOT));
    }
}
