package dev.grader.report;

import static dev.grader.report.Html.badge;
import static dev.grader.report.Html.esc;
import static dev.grader.report.Html.percent;
import static dev.grader.report.Html.points;

import dev.grader.model.CategoryScore;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.TestScore;
import java.util.Locale;

/**
 * One grade as a self-contained HTML page for people (hiring managers, reviewers, or the candidate when given
 * {@link Audience#CANDIDATE}'s view): the score, the categories as bars, every lost point with its message, the
 * compiler's errors, how the run ended, review flags, the change summary and the facts of the run. Everything the
 * submission controls is escaped; the page loads nothing and runs no script.
 */
public final class HtmlReport {

    private final GradeReport r;
    private final StringBuilder b = new StringBuilder(16_384);

    private HtmlReport(GradeReport report) {
        this.r = report;
    }

    /** The page for {@code report} (pass {@code audience.view(report)} for what an audience may see). */
    public static String render(GradeReport report) {
        HtmlReport page = new HtmlReport(report);
        page.body();
        return Html.page(page.title(), page.b.toString());
    }

    private String title() {
        String who = r.submission() == null ? "" : displayName(r.submission()) + " · ";
        return who + exerciseTitle() + " · grade report";
    }

    private String exerciseTitle() {
        if (r.exercise() == null) {
            return "Exercise";
        }
        return r.exercise().title() == null || r.exercise().title().isBlank()
                ? r.exercise().id()
                : r.exercise().title();
    }

    private void body() {
        header();
        summary();
        new NoticesHtml(r, b).write();
        b.append(PolicyHtml.section(r));
        new TestsHtml(r, b).write();
        new ReviewHtml(r, b).write();
        b.append(HistorySection.html(r));
        CodeHtml.write(r, b);
        SimilaritySection.html(r, b);
        b.append(OwnTestsSection.html(r));
        details();
    }

    private void header() {
        b.append("<header>\n<p class=\"eyebrow\">Grade report");
        if (r.exercise() != null) {
            b.append(" · <span class=\"mono\">")
                    .append(esc(r.exercise().id()))
                    .append("</span> version ")
                    .append(r.exercise().version());
        }
        b.append("</p>\n<h1>").append(esc(exerciseTitle())).append("</h1>\n");
        if (r.submission() != null) {
            b.append("<p class=\"submission\">Submission <strong>")
                    .append(esc(displayName(r.submission())))
                    .append("</strong>");
            if (!displayName(r.submission()).equals(r.submission())) {
                b.append(" <span class=\"muted small mono\">")
                        .append(esc(r.submission()))
                        .append("</span>");
            }
            b.append("</p>\n");
        }
        b.append("</header>\n");
    }

    private void summary() {
        boolean graded = r.status() != GradeStatus.INFRASTRUCTURE_ERROR;
        b.append("<section class=\"summary\" id=\"summary\" aria-label=\"Score\">\n");
        b.append(gauge(graded));
        b.append("<div class=\"facts\">\n<p class=\"total\" id=\"total\">");
        if (graded) {
            b.append("<span class=\"big\">")
                    .append(points(r.score()))
                    .append("</span><span class=\"of\"> / ")
                    .append(points(r.maxScore()))
                    .append(" points</span>");
        } else {
            b.append("<span class=\"big words\">Not graded</span>");
        }
        b.append("</p>\n<p style=\"margin-top:10px\">").append(statusBadge());
        if (graded) {
            b.append(" <span class=\"muted\">").append(percent(r.percent())).append("% of the maximum</span>");
        }
        b.append("</p>\n");
        if (r.status() == GradeStatus.GRADED
                && r.statusMessage() != null
                && !r.statusMessage().isBlank()
                && (r.run() == null || !r.statusMessage().equals(r.run().message()))) {
            b.append("<p class=\"message\">").append(esc(r.statusMessage())).append("</p>\n");
        }
        if (!r.tests().isEmpty()) {
            long passed = r.tests().stream().filter(TestScore::passed).count();
            b.append("<p class=\"muted\">")
                    .append(passed)
                    .append(" of ")
                    .append(r.tests().size())
                    .append(" hidden tests passed</p>\n");
        } else if (r.categories().stream().mapToInt(CategoryScore::tests).sum() > 0) {
            int passed = r.categories().stream().mapToInt(CategoryScore::passed).sum();
            int tests = r.categories().stream().mapToInt(CategoryScore::tests).sum();
            b.append("<p class=\"muted\">")
                    .append(passed)
                    .append(" of ")
                    .append(tests)
                    .append(" checks passed</p>\n");
        }
        b.append("</div>\n</section>\n");
    }

    private String gauge(boolean graded) {
        double p = graded ? Html.share(r.score(), r.maxScore()) : 0;
        String colour = !graded ? "#8c959f" : p >= 80 ? "#1a7f37" : p >= 50 ? "#9a6700" : "#cf222e";
        String label = graded ? percent(r.percent()) + "%" : "n/a";
        return "<svg class=\"gauge\" viewBox=\"0 0 120 120\" role=\"img\" aria-label=\""
                + (graded ? esc(label) + " of the maximum score" : "not graded") + "\">"
                + "<circle cx=\"60\" cy=\"60\" r=\"50\" fill=\"none\" stroke=\"#e6eaef\" stroke-width=\"14\"/>"
                + "<circle cx=\"60\" cy=\"60\" r=\"50\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"14\""
                + " pathLength=\"100\" stroke-dasharray=\"" + String.format(Locale.ROOT, "%.2f", p) + " 100\""
                + " transform=\"rotate(-90 60 60)\"/>"
                + "<text x=\"60\" y=\"67\" text-anchor=\"middle\" font-size=\"21\" font-weight=\"700\" fill=\"#1f2328\">"
                + esc(label) + "</text></svg>\n";
    }

    private String statusBadge() {
        return switch (r.status()) {
            case GRADED -> badge("graded", r.fullMarks() ? "good" : "neutral");
            case DOES_NOT_COMPILE -> badge("does not compile", "bad");
            case POLICY_VIOLATION -> badge("refused by the code policy", "bad");
            case REJECTED -> badge("rejected", "bad");
            case INFRASTRUCTURE_ERROR -> badge("infrastructure error", "warn");
        };
    }

    private void details() {
        b.append("<section id=\"run-details\">\n<h2>About this run</h2>\n<dl class=\"facts-grid\">\n");
        fact("Seed", r.seed() + "  (repeat with --seed " + r.seed() + ")");
        GradeReport.Timing t = r.timing();
        if (t != null) {
            fact(
                    "Timing",
                    "resolve " + Html.seconds(t.resolve()) + " · compile " + Html.seconds(t.compile()) + " · policy "
                            + Html.seconds(t.policy()) + " · launch " + Html.seconds(t.launch()) + " · services "
                            + Html.seconds(t.services()) + " · tests " + Html.seconds(t.tests()) + " · total "
                            + Html.seconds(t.total()));
        }
        GradeReport.Environment e = r.environment();
        if (e != null) {
            fact("JDK", e.java());
            fact("OS", e.os());
            fact("Database", e.database());
        }
        fact("Started", r.startedAt());
        fact(
                "Grader",
                r.graderVersion() == null
                        ? null
                        : "version " + r.graderVersion() + " · report format "
                                + (r.format() == null ? GradeReport.FORMAT : r.format()) + " v" + r.version());
        b.append("</dl>\n</section>\n");
    }

    private void fact(String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        b.append("<dt>")
                .append(esc(name))
                .append("</dt><dd>")
                .append(esc(value))
                .append("</dd>\n");
    }

    /** The last path element of a submission path ({@code /home/hr/submissions/alice} gives {@code alice}). */
    private static String displayName(String submission) {
        String s = submission.replace('\\', '/');
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int slash = s.lastIndexOf('/');
        return slash < 0 || slash == s.length() - 1 ? s : s.substring(slash + 1);
    }
}
