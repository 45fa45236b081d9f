package dev.grader.validate;

import java.util.List;

/**
 * How one rule of {@code rules.yaml} fared: its tests and mutants, and whether every listed mutant failed one of
 * the rule's tests in every run.
 *
 * @param caught at least one test and one mutant, and each mutant failed one of the rule's tests in each of its runs
 */
public record RuleResult(
        String id, String category, List<String> tests, List<String> mutants, boolean caught, List<String> breaches) {
    public RuleResult {
        tests = List.copyOf(tests);
        mutants = List.copyOf(mutants);
        breaches = List.copyOf(breaches);
    }

    public boolean ok() {
        return caught && breaches.isEmpty();
    }
}
