package dev.grader.report;

import static dev.grader.report.Html.esc;

import dev.grader.model.CompilePhase;
import dev.grader.model.Diagnostic;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.RunEnding;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML report's notices: why a submission was not graded, how a run ended early, and the compiler's errors.
 */
final class NoticesHtml {

    private final GradeReport r;
    private final StringBuilder b;

    NoticesHtml(GradeReport r, StringBuilder b) {
        this.r = r;
        this.b = b;
    }

    /** Writes the status notice, the run notice and the compiler errors, each only when it has something to say. */
    void write() {
        statusNotice();
        runNotice();
        compilation();
    }

    private void statusNotice() {
        switch (r.status()) {
            case GRADED -> {}
            case DOES_NOT_COMPILE -> {
                boolean hidden = r.compilation() != null && r.compilation().phase() != CompilePhase.SUBMISSION;
                notice(
                        "status",
                        "bad",
                        "The submission does not compile",
                        r.statusMessage(),
                        hidden
                                ? "The hidden suites did not compile against the submission: its public API differs from the"
                                        + " brief's. Score 0."
                                : "The candidate's code did not compile. Score 0.");
            }
            case POLICY_VIOLATION ->
                notice(
                        "status",
                        "bad",
                        "The submission breaks the code policy",
                        r.statusMessage(),
                        "It uses APIs the exercise's code policy forbids (listed below), so it was not run. Score 0.");
            case REJECTED ->
                notice(
                        "status",
                        "bad",
                        "The submission was rejected",
                        r.statusMessage(),
                        "It could not be read as a project (an unsafe or oversized archive, a repository that does not clone, no"
                                + " Maven project). Score 0.");
            case INFRASTRUCTURE_ERROR ->
                notice(
                        "status",
                        "warn",
                        "Could not grade",
                        r.statusMessage(),
                        "The grader could not do its job; this is not the candidate's fault. Grade again once it is fixed.");
        }
    }

    private void runNotice() {
        GradeReport.RunInfo run = r.run();
        if (r.status() != GradeStatus.GRADED || run == null) {
            return;
        }
        boolean completed = run.ending() == RunEnding.COMPLETED;
        if (completed && run.message() == null && run.testsNotRun() == 0) {
            return;
        }
        String heading =
                switch (run.ending()) {
                    case TIMED_OUT -> "The run timed out";
                    case CRASHED -> "The test JVM crashed";
                    case COMPLETED ->
                        run.testsNotRun() > 0 ? run.testsNotRun() + " tests did not run" : "The run ended early";
                };
        b.append("<section class=\"notice notice-warn\" id=\"run-ending\">\n<h2>")
                .append(esc(heading))
                .append("</h2>\n");
        if (run.message() != null) {
            b.append("<p class=\"message\">").append(esc(run.message())).append("</p>\n");
        }
        List<String> facts = new ArrayList<>();
        if (run.message() == null && run.testsNotRun() > 0) {
            facts.add(run.testsNotRun() + " of " + run.testsPlanned() + " planned tests did not run");
        }
        if (run.exitCode() != null && run.exitCode() != 0) {
            facts.add("exit code " + run.exitCode());
        }
        if (!facts.isEmpty()) {
            b.append("<p class=\"muted small\">")
                    .append(esc(String.join(" · ", facts)))
                    .append("</p>\n");
        }
        Html.collapsible(b, "Output of the test JVM (stdout)", run.stdout());
        Html.collapsible(b, "Errors of the test JVM (stderr)", run.stderr());
        b.append("</section>\n");
    }

    private void notice(String id, String kind, String heading, String message, String explanation) {
        b.append("<section class=\"notice notice-")
                .append(kind)
                .append("\" id=\"")
                .append(id)
                .append("\">\n<h2>")
                .append(esc(heading))
                .append("</h2>\n");
        if (message != null && !message.isBlank()) {
            b.append("<p class=\"message\">").append(esc(message)).append("</p>\n");
        }
        b.append("<p class=\"muted small\">").append(esc(explanation)).append("</p>\n</section>\n");
    }

    private void compilation() {
        GradeReport.Compilation c = r.compilation();
        if (c == null) {
            return;
        }
        b.append("<section id=\"compilation\">\n<h2>Compiler errors</h2>\n");
        if (c.diagnostics().isEmpty()) {
            b.append("<p class=\"muted\">The compiler's errors are not part of this report.</p>\n</section>\n");
            return;
        }
        b.append(
                "<table>\n<thead><tr><th scope=\"col\">Where</th><th scope=\"col\">Error</th></tr></thead>\n<tbody>\n");
        for (Diagnostic d : c.diagnostics()) {
            String where = d.file() == null ? "" : d.file() + ":" + d.line() + ":" + d.column();
            b.append("<tr><td class=\"mono nowrap\">")
                    .append(esc(where))
                    .append("</td><td><pre>")
                    .append(esc(d.message()))
                    .append("</pre></td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }
}
