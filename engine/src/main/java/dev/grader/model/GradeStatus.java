package dev.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of a grade as a whole. */
public enum GradeStatus {
    /** The hidden suites ran (perhaps not to the end: see the run's ending). */
    GRADED,
    /** The submission, or the hidden suites against it, did not compile. Score 0. */
    DOES_NOT_COMPILE,
    /**
     * The submission compiled but uses APIs the exercise's code policy forbids (deep reflection, exiting the JVM,
     * processes, class loaders, ...; see {@code policy_violations}). It is not run. Score 0.
     */
    POLICY_VIOLATION,
    /**
     * The submission could not be read as a project (an archive that is unsafe or too large, a git repository that
     * cannot be cloned, no files at all). Score 0; {@code status_message} says why.
     */
    REJECTED,
    /** The grader could not do its job (no database, no Maven for a first resolve). Score 0, not the candidate's fault. */
    INFRASTRUCTURE_ERROR;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
