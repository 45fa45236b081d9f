package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One rule of the candidate's brief, written down in {@code rules.yaml}: the brief's own words, the rubric
 * category it counts in, the hidden tests that check it and the mutants that break it.
 *
 * @param brief the brief's words for the rule; shown to the candidate when one of {@code tests} fails
 * @param tests hidden tests as {@code SimpleClassName.method}; a parameterised test's cases all match
 * @param mutants folder names under {@code mutants/}
 */
public record Rule(String id, String category, String brief, List<String> tests, List<String> mutants) {
    public Rule {
        requireNonNull(id, "id");
        requireNonNull(category, "category");
        requireNonNull(brief, "brief");
        tests = List.copyOf(tests);
        mutants = List.copyOf(mutants);
    }

    /** Whether a hidden test (as a report names it, e.g. {@code ATest.m} or {@code ATest.m[2]}) is one of this rule's. */
    public boolean checkedBy(String testName) {
        return tests.stream().anyMatch(t -> names(testName, t));
    }

    /** Whether {@code testName} is the test {@code pattern} or one case of it (parameterised: {@code pattern[...]}). */
    public static boolean names(String testName, String pattern) {
        return testName.equals(pattern) || testName.startsWith(pattern + "[");
    }
}
