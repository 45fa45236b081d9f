package dev.grader.model;

import java.util.List;

/**
 * The candidate's own tests (under {@code src/test/java}, less the starter's visible tests), run against their own
 * code, the reference solution and every mutant of the exercise. Evidence for people: did the candidate test their
 * work, and which kinds of mistakes would their tests have caught?
 *
 * @param status {@code evaluated}; {@code no_tests} (the submission has no tests of its own);
 *     {@code not_evaluated} ({@code reason} says why: they did not compile, a limit was reached, ...)
 * @param reason why the tests were not evaluated (or what was only partly evaluated); null when all went well
 * @param testFiles the candidate's test sources, relative to the project
 * @param tests how many tests ran on the candidate's own code
 * @param failingOnOwnCode tests that fail on the candidate's own code
 * @param failingOnReference tests that fail on the reference solution: each asserts something the brief does not ask
 * @param mutants the exercise's mutants the tests ran against; null when they did not run
 * @param caught how many of them a test caught (a test passing on the reference and failing on the mutant)
 * @param byCategory the mutants caught per rubric category (a mutant counts in every category it loses points in)
 * @param missed the mutants no test caught, with the rubric categories and the brief's rules they break
 * @param coverage the candidate's own code covered by their own tests; null when not measured
 * @param seconds the time the whole evaluation took
 */
public record OwnTestsEvidence(
        String status,
        String reason,
        List<String> testFiles,
        int tests,
        List<String> failingOnOwnCode,
        List<String> failingOnReference,
        Integer mutants,
        Integer caught,
        List<CategoryCatch> byCategory,
        List<MissedMutant> missed,
        Coverage coverage,
        double seconds) {

    public static final String EVALUATED = "evaluated";
    public static final String NO_TESTS = "no_tests";
    public static final String NOT_EVALUATED = "not_evaluated";
    /** How the {@code reason} of tests the grader itself failed to evaluate begins (not the candidate's doing). */
    public static final String GRADER_FAILED = "the grader";

    public OwnTestsEvidence {
        testFiles = testFiles == null ? List.of() : List.copyOf(testFiles);
        failingOnOwnCode = failingOnOwnCode == null ? List.of() : List.copyOf(failingOnOwnCode);
        failingOnReference = failingOnReference == null ? List.of() : List.copyOf(failingOnReference);
        byCategory = byCategory == null ? List.of() : List.copyOf(byCategory);
        missed = missed == null ? List.of() : List.copyOf(missed);
    }

    /** The submission holds no tests of its own. */
    public static OwnTestsEvidence noTests() {
        return new OwnTestsEvidence(
                NO_TESTS, null, List.of(), 0, List.of(), List.of(), null, null, List.of(), List.of(), null, 0);
    }

    /** The tests in {@code testFiles} could not be evaluated, for {@code reason}. */
    public static OwnTestsEvidence notEvaluated(List<String> testFiles, String reason, double seconds) {
        return new OwnTestsEvidence(
                NOT_EVALUATED,
                reason,
                testFiles,
                0,
                List.of(),
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                null,
                seconds);
    }

    /** Whether the grader itself, not the candidate's tests, kept them from being evaluated. */
    public boolean failedByGrader() {
        return NOT_EVALUATED.equals(status) && reason != null && reason.startsWith(GRADER_FAILED);
    }

    /** The share of mutants caught, 0 to 1; null when the mutants did not run (or there are none). */
    public Double caughtShare() {
        return mutants == null || caught == null || mutants == 0 ? null : caught / (double) mutants;
    }

    /** Mutants caught in one rubric category ({@code title}: the rubric's words for it). */
    public record CategoryCatch(String category, String title, int mutants, int caught) {}

    /**
     * A mutant no test caught: what it gets wrong ({@code description}), the rubric categories it loses points in (by
     * title) and the brief's words for the rules it breaks ({@code rules.yaml}).
     */
    public record MissedMutant(String name, String description, List<String> categories, List<String> rules) {
        public MissedMutant {
            categories = categories == null ? List.of() : List.copyOf(categories);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /** Lines and branches of the candidate's main classes their own tests ran (JaCoCo's counters). */
    public record Coverage(int linesCovered, int lines, int branchesCovered, int branches) {
        public Double linePercent() {
            return lines == 0 ? null : 100.0 * linesCovered / lines;
        }

        public Double branchPercent() {
            return branches == 0 ? null : 100.0 * branchesCovered / branches;
        }
    }
}
