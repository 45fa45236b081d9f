package dev.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to one hidden test. Only {@link #PASSED} earns points. */
public enum TestStatus {
    PASSED,
    FAILED,
    TIMED_OUT,
    /** The test JVM ended (exit, crash, out of memory, killed) while this test ran. */
    CRASHED,
    /** Never ran: the JVM ended or was stopped before it, or its class could not be set up. */
    NOT_RUN,
    /** Disabled or aborted by an assumption. */
    SKIPPED,
    /**
     * Aborted by a precondition that belongs to another rule of the brief ({@code Precondition.require} of the support
     * library): the rule failed first, so the test could not look at its own.
     */
    NOT_EVALUATED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
