package dev.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which compile failed: the submission's own sources, or the hidden suites against them. */
public enum CompilePhase {
    /** The submission's {@code src/main/java} has compile errors. */
    SUBMISSION("submission"),
    /** The submission compiles, but the hidden suites do not compile against it: its API differs from the brief's. */
    HIDDEN_SUITES("hidden-suites");

    private final String id;

    CompilePhase(String id) {
        this.id = id;
    }

    /** The phase as the JSON report and the console name it. */
    @JsonValue
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
