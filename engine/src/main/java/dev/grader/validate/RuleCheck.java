package dev.grader.validate;

import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.exercise.Mutant;
import dev.grader.exercise.Rule;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proves {@code rules.yaml} against a validation's runs: every rule names hidden tests that exist and mutants that
 * exist, and each of its mutants fails at least one of its tests in every run; every mutant belongs to some rule.
 */
final class RuleCheck {

    /** What the rules showed: one result per rule, breaches of the file as a whole, and warnings. */
    record Outcome(List<RuleResult> rules, List<String> breaches, List<String> warnings, List<Rule> parsed) {}

    private RuleCheck() {}

    /**
     * @param hiddenTests the names of the hidden tests as the solution's run reported them
     * @param mutantRuns each mutant's graded runs
     */
    static Outcome check(Exercise exercise, Set<String> hiddenTests, Map<Mutant, List<GradeReport>> mutantRuns) {
        List<String> breaches = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!Files.isRegularFile(exercise.rulesFile())) {
            breaches.add(exercise.rulesFile() + ": missing: write down the brief's rules with their tests and mutants "
                    + "(docs/exercise-format.md)");
            return new Outcome(List.of(), breaches, warnings, List.of());
        }
        List<Rule> rules;
        try {
            rules = exercise.rules();
        } catch (ExerciseException e) {
            breaches.add(e.getMessage());
            return new Outcome(List.of(), breaches, warnings, List.of());
        }
        List<RuleResult> results = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (Rule rule : rules) {
            results.add(check(rule, hiddenTests, mutantRuns));
            covered.addAll(rule.mutants());
        }
        for (Mutant m : mutantRuns.keySet()) {
            if (!covered.contains(m.name())) {
                warnings.add("mutant " + m.name() + " is listed under no rule of "
                        + exercise.rulesFile().getFileName() + ": which rule of the brief does it break?");
            }
        }
        return new Outcome(results, breaches, warnings, rules);
    }

    private static RuleResult check(Rule rule, Set<String> hiddenTests, Map<Mutant, List<GradeReport>> mutantRuns) {
        List<String> breaches = new ArrayList<>();
        String at = "rule " + rule.id() + ": ";
        if (rule.tests().isEmpty()) {
            breaches.add(at + "no test checks it (tests: is empty)");
        }
        for (String t : rule.tests()) {
            if (hiddenTests.stream().noneMatch(name -> Rule.names(name, t))) {
                breaches.add(at + "tests: names '" + t + "', which is no hidden test");
            }
        }
        if (rule.mutants().isEmpty()) {
            breaches.add(at + "no mutant breaks it (mutants: is empty)");
        }
        boolean caught = !rule.tests().isEmpty() && !rule.mutants().isEmpty();
        for (String name : rule.mutants()) {
            Map.Entry<Mutant, List<GradeReport>> runs = mutantRuns.entrySet().stream()
                    .filter(e -> e.getKey().name().equals(name))
                    .findFirst()
                    .orElse(null);
            if (runs == null) {
                breaches.add(at + "mutants: names '" + name + "', which is no folder under mutants/");
                caught = false;
                continue;
            }
            for (GradeReport r : runs.getValue()) {
                if (r.status() != GradeStatus.GRADED) {
                    caught = false; // the mutant's own row says why it was not graded
                    continue;
                }
                boolean failsOne = r.tests().stream().anyMatch(t -> t.failed() && rule.checkedBy(t.name()));
                if (!failsOne) {
                    breaches.add(at + "mutant " + name + " failed none of the rule's tests with seed " + r.seed() + " ("
                            + observed(rule, r) + ")");
                    caught = false;
                }
            }
        }
        return new RuleResult(rule.id(), rule.category(), rule.tests(), rule.mutants(), caught, breaches);
    }

    /** What each of the rule's tests did in {@code r}: "ReplayTest.x passed", or "... not evaluated: why". */
    private static String observed(Rule rule, GradeReport r) {
        List<String> seen = r.tests().stream()
                .filter(t -> rule.checkedBy(t.name()))
                .map(t -> t.name() + " "
                        + t.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (t.message() == null || t.message().isBlank() ? "" : ": " + t.message()))
                .toList();
        return seen.isEmpty() ? "none of them ran" : String.join("; ", seen);
    }
}
