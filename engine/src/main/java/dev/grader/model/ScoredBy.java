package dev.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What earns a rubric category's points. */
public enum ScoredBy {
    /** The hidden tests tagged with the category: its weight shared among them, earned by those that pass. */
    HIDDEN_TESTS,
    /**
     * The candidate's own tests: the weight times the share of the exercise's mutants they catch (a test that passes on
     * the reference solution and fails on the mutant). No tests of their own, or tests that could not run, earn 0.
     */
    OWN_TESTS;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
