package dev.grader.policy;

import dev.grader.exercise.Manifest;
import dev.grader.model.PolicyViolation;
import dev.grader.support.policy.CodePolicy;
import dev.grader.support.policy.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The grading stage that enforces the code policy ({@link CodePolicy}, shared with the starters' visible policy
 * test) on a compiled submission: its main classes, and what its {@code src/main/resources} holds, less what the
 * exercise allows ({@code policy.allow} in its manifest). A submission with a violation is not run.
 */
public final class PolicyCheck {

    /** How many violations the status message names; the report lists them all. */
    private static final int IN_MESSAGE = 3;

    /**
     * What the check found and what it cost.
     *
     * @param seconds the time the check took
     */
    public record Outcome(List<PolicyViolation> violations, int classFiles, double seconds) {
        public Outcome {
            violations = List.copyOf(violations);
        }

        public boolean passed() {
            return violations.isEmpty();
        }

        /** One sentence for the report's status: how many, and the first few. */
        public String message() {
            String first = violations.stream()
                    .limit(IN_MESSAGE)
                    .map(PolicyViolation::text)
                    .collect(Collectors.joining("; "));
            int more = violations.size() - IN_MESSAGE;
            return "the submission breaks the exercise's code policy (" + violations.size() + " violation"
                    + (violations.size() == 1 ? "" : "s") + "): " + first + (more > 0 ? "; and " + more + " more" : "");
        }
    }

    private PolicyCheck() {}

    /** Checks {@code mainClasses} (the compiler's output) and {@code resources} against the exercise's policy. */
    public static Outcome check(Path mainClasses, Path resources, Manifest manifest) {
        long t0 = System.nanoTime();
        CodePolicy.Result result = CodePolicy.check(mainClasses, resources, manifest.policyAllowed());
        List<PolicyViolation> violations =
                result.findings().stream().map(PolicyCheck::violation).toList();
        return new Outcome(violations, result.classFiles(), Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
    }

    /**
     * Checks a candidate's compiled tests ({@code testClasses}) against the exercise's policy, where using JUnit (and
     * the grader's test support) is what tests do: only the rule against the grader's internals is lifted.
     */
    public static Outcome checkTests(Path testClasses, Manifest manifest) {
        long t0 = System.nanoTime();
        java.util.Set<String> allowed = new java.util.HashSet<>(manifest.policyAllowed());
        allowed.add(dev.grader.support.policy.Rules.GRADER_INTERNALS.id());
        CodePolicy.Result result = CodePolicy.check(testClasses, null, allowed);
        List<PolicyViolation> violations =
                result.findings().stream().map(PolicyCheck::violation).toList();
        return new Outcome(violations, result.classFiles(), Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
    }

    static PolicyViolation violation(Finding f) {
        return new PolicyViolation(
                f.rule(),
                CodePolicy.rule(f.rule()).summary(),
                f.api(),
                f.file(),
                f.line() > 0 ? f.line() : null,
                f.origin());
    }
}
