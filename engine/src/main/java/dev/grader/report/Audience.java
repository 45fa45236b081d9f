package dev.grader.report;

import dev.grader.model.CompilePhase;
import dev.grader.model.GradeReport;
import java.util.List;
import java.util.Locale;

/**
 * Who a report is for. The company sees everything; the candidate sees categories, scores, hints and the brief's
 * words of each rule that was broken (rules.yaml) only.
 */
public enum Audience {
    /** The full report: hidden test names, messages, traces, output, flags. */
    COMPANY,
    /**
     * Safe to share with the candidate: status, score, per-category points, each category's hint and the brief's
     * words of its broken rules; no hidden
     * test names, messages, traces, captured output, seed-derived data or reviewer flags. The compiler's errors
     * in the candidate's own code stay (they are the candidate's code); errors in the hidden suites go. So do the
     * code policy's violations (the candidate's code and the rule it broke). Evidence for people (the report's
     * {@code evidence}) never.
     */
    CANDIDATE;

    public static Audience parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "company" -> COMPANY;
            case "candidate" -> CANDIDATE;
            default -> throw new IllegalArgumentException("audience must be company or candidate, was '" + s + "'");
        };
    }

    /** The report as this audience may see it. */
    public GradeReport view(GradeReport r) {
        if (this == COMPANY) {
            return r;
        }
        GradeReport.Compilation compilation = r.compilation();
        String statusMessage = r.statusMessage();
        if (compilation != null && compilation.phase() != CompilePhase.SUBMISSION) {
            compilation = new GradeReport.Compilation(compilation.phase(), List.of());
        }
        GradeReport.RunInfo run = r.run() == null
                ? null
                : new GradeReport.RunInfo(
                        r.run().ending(),
                        candidateRunMessage(r.run()),
                        null,
                        r.run().testsPlanned(),
                        r.run().testsNotRun(),
                        null,
                        null);
        if (r.run() != null) {
            statusMessage = run.message();
        }
        return new GradeReport(
                r.format(),
                r.version(),
                r.graderVersion(),
                r.exercise(),
                null,
                r.status(),
                statusMessage,
                r.seed(),
                r.score(),
                r.maxScore(),
                r.percent(),
                r.categories(),
                List.of(),
                compilation,
                r.policyViolations(),
                run,
                List.of(),
                List.of(),
                null,
                new GradeReport.Environment(
                        r.environment().java(), r.environment().os(), null),
                r.timing(),
                r.startedAt(),
                null);
    }

    /** How the run ended without naming a hidden test. */
    private static String candidateRunMessage(GradeReport.RunInfo run) {
        if (run.message() == null) {
            return null;
        }
        return switch (run.ending()) {
            case COMPLETED -> run.testsNotRun() > 0 ? run.testsNotRun() + " checks did not run" : null;
            case TIMED_OUT -> "a time limit was reached; " + run.testsNotRun() + " checks did not run";
            case CRASHED ->
                "the test JVM ended early (exit, crash or out of memory); " + run.testsNotRun() + " checks did not run";
        };
    }
}
