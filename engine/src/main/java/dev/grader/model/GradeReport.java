package dev.grader.model;

import java.util.List;

/**
 * The full machine report of one grade. Serialised as JSON with snake_case names; the format is
 * documented in docs/report-format.md and versioned by {@link #FORMAT} and {@link #VERSION}.
 */
public record GradeReport(
        String format,
        int version,
        String graderVersion,
        ExerciseInfo exercise,
        String submission,
        GradeStatus status,
        String statusMessage,
        long seed,
        double score,
        double maxScore,
        double percent,
        List<CategoryScore> categories,
        List<TestScore> tests,
        Compilation compilation,
        List<PolicyViolation> policyViolations,
        RunInfo run,
        List<String> warnings,
        List<Flag> flags,
        ChangeSummary changes,
        Environment environment,
        Timing timing,
        String startedAt,
        Evidence evidence) {

    public GradeReport {
        categories = categories == null ? List.of() : List.copyOf(categories);
        tests = tests == null ? List.of() : List.copyOf(tests);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        flags = flags == null ? List.of() : List.copyOf(flags);
        policyViolations = policyViolations == null ? List.of() : List.copyOf(policyViolations);
    }

    public static final String FORMAT = "grader-report";
    public static final int VERSION = 2;

    /** Which exercise, at which version of its hidden suites. */
    public record ExerciseInfo(String id, int version, String title) {}

    /** Why the code did not build: which phase, and the compiler's errors. */
    public record Compilation(CompilePhase phase, List<Diagnostic> diagnostics) {}

    /**
     * How the test run ended.
     *
     * @param ending completed, timed_out, crashed
     */
    public record RunInfo(
            RunEnding ending,
            String message,
            Integer exitCode,
            int testsPlanned,
            int testsNotRun,
            String stdout,
            String stderr) {}

    /** Where the grade ran. */
    public record Environment(String java, String os, String database) {}

    /**
     * Seconds spent in each stage ({@code policy}: checking the compiled code against the code policy;
     * {@code services}: waiting, once compiled, for the exercise's services, such as the database server's start on
     * a grader process's first grade; {@code launch}: launching the test JVMs, their containers' start under
     * {@code --sandbox docker} included, the first before compiling, a restart's within {@code tests}).
     */
    public record Timing(
            double resolve, double compile, double policy, double services, double launch, double tests, double total) {

        /** The same timing with the whole grade taking {@code seconds}. */
        public Timing withTotal(double seconds) {
            return new Timing(resolve, compile, policy, services, launch, tests, seconds);
        }
    }

    /** The same report naming another submission path (e.g. the archive instead of the folder it was unpacked to). */
    public GradeReport withSubmission(String path) {
        return copy(totals(), path, flags, timing, evidence);
    }

    /**
     * The same report with {@code more} flags after its own: what was found before the grade began (archive
     * entries that were not unpacked, say).
     */
    public GradeReport withFlags(List<Flag> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Flag> all = new java.util.ArrayList<>(flags);
        all.addAll(more);
        return copy(totals(), submission, List.copyOf(all), timing, evidence);
    }

    /** The same report with {@code evidence} for people (null: none). */
    public GradeReport withEvidence(Evidence evidence) {
        return copy(totals(), submission, flags, timing, evidence);
    }

    /** The same report with {@code categories} (one of them earned since) and the totals they add up to. */
    public GradeReport withCategories(List<CategoryScore> categories, double score, double percent) {
        return copy(new Totals(score, percent, categories), submission, flags, timing, evidence);
    }

    /** The same report whose whole grade took {@code seconds} (work that ended after the report was first made). */
    public GradeReport withTotal(double seconds) {
        Timing t = timing == null ? null : timing.withTotal(seconds);
        return copy(totals(), submission, flags, t, evidence);
    }

    /** What a category earned since the report was made changes. */
    private record Totals(double score, double percent, List<CategoryScore> categories) {}

    private Totals totals() {
        return new Totals(score, percent, categories);
    }

    private GradeReport copy(Totals totals, String path, List<Flag> flags, Timing timing, Evidence evidence) {
        return new GradeReport(
                format,
                version,
                graderVersion,
                exercise,
                path,
                status,
                statusMessage,
                seed,
                totals.score(),
                maxScore,
                totals.percent(),
                totals.categories(),
                tests,
                compilation,
                policyViolations,
                run,
                warnings,
                flags,
                changes,
                environment,
                timing,
                startedAt,
                evidence);
    }

    /**
     * {@code score} as a percentage of {@code max}, rounded to the same two decimals the score is shown with, so that
     * "76.64 / 100" and "76.64%" always agree.
     */
    public static double percent(double score, double max) {
        return max == 0 ? 0 : Math.round(score * 10000.0 / max) / 100.0;
    }

    public boolean fullMarks() {
        return status == GradeStatus.GRADED && score >= maxScore - 1e-9;
    }

    /** The score of the categories the hidden tests earn, as a percentage of theirs (the own tests' category aside). */
    public double hiddenPercent() {
        double max = 0;
        double earned = 0;
        for (CategoryScore c : categories) {
            if (c.scoredBy() == ScoredBy.HIDDEN_TESTS) {
                max += c.maxScore();
                earned += c.score();
            }
        }
        return percent(earned, max);
    }

    /** Whether every category the hidden tests earn is at full marks: what {@code validate} asks of the reference. */
    public boolean hiddenFullMarks() {
        return status == GradeStatus.GRADED
                && categories.stream()
                        .filter(c -> c.scoredBy() == ScoredBy.HIDDEN_TESTS)
                        .allMatch(c -> c.score() >= c.maxScore() - 1e-9);
    }
}
