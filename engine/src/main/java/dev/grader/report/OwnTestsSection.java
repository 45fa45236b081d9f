package dev.grader.report;

import static dev.grader.report.Html.esc;

import dev.grader.model.GradeReport;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.model.OwnTestsEvidence.CategoryCatch;
import dev.grader.model.OwnTestsEvidence.Coverage;
import dev.grader.model.OwnTestsEvidence.MissedMutant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence of the candidate's own tests ({@link OwnTestsEvidence}) in every report format: the same facts as
 * plain lines (console, Gradescope), key/value properties (JUnit XML), Markdown and HTML. Nothing when the report
 * has none (the candidate audience never has).
 */
final class OwnTestsSection {

    static final String TITLE = "The candidate's own tests";
    static final String FAILS_ON_REFERENCE =
            "fails on the reference solution: asserts something the brief does not ask";

    private OwnTestsSection() {}

    /** The report's own-tests evidence, or null. */
    static OwnTestsEvidence of(GradeReport r) {
        return r.evidence() == null ? null : r.evidence().ownTests();
    }

    /** One line of what was found: how many tests, how many mutants caught, coverage. */
    static String summary(OwnTestsEvidence e) {
        return switch (e.status()) {
            case OwnTestsEvidence.NO_TESTS -> "none: the submission has no tests of its own";
            case OwnTestsEvidence.NOT_EVALUATED -> "not evaluated: " + e.reason();
            default ->
                Text.count(e.tests(), "test", "tests") + " in "
                        + Text.count(e.testFiles().size(), "file", "files")
                        + "; " + e.failingOnOwnCode().size() + " failing on their own code, "
                        + e.failingOnReference().size()
                        + " on the reference solution; " + mutants(e) + "; " + coverage(e.coverage()) + "; "
                        + String.format(Locale.ROOT, "%.1f s", e.seconds());
        };
    }

    /** {@code catches 10 of 27 mutants (37%)}. */
    static String mutants(OwnTestsEvidence e) {
        if (e.mutants() == null) {
            return "mutants not evaluated";
        }
        return "catches " + e.caught() + " of " + Text.count(e.mutants(), "mutant", "mutants")
                + (e.caughtShare() == null ? "" : " (" + percent(100 * e.caughtShare()) + ")");
    }

    /** {@code coverage: lines 76/107 (71%), branches 28/40 (70%)}. */
    static String coverage(Coverage c) {
        if (c == null) {
            return "coverage not measured";
        }
        return "coverage: lines " + c.linesCovered() + "/" + c.lines() + percentIn(c.linePercent()) + ", branches "
                + c.branchesCovered() + "/" + c.branches() + percentIn(c.branchPercent());
    }

    /** Every fact as a line of plain text, the summary first. */
    static List<String> lines(OwnTestsEvidence e) {
        List<String> out = new ArrayList<>();
        out.add(summary(e));
        if (!OwnTestsEvidence.EVALUATED.equals(e.status())) {
            return out;
        }
        e.failingOnOwnCode().forEach(t -> out.add("fails on their own code: " + t));
        e.failingOnReference().forEach(t -> out.add(FAILS_ON_REFERENCE + ": " + t));
        if (!e.byCategory().isEmpty()) {
            out.add("mutants caught by category: "
                    + String.join(
                            ", ",
                            e.byCategory().stream()
                                    .map(c -> c.category() + " " + c.caught() + "/" + c.mutants())
                                    .toList()));
        }
        for (MissedMutant m : e.missed()) {
            out.add("missed " + m.name() + " (" + String.join(", ", m.categories()) + "): " + m.description()
                    + (m.rules().isEmpty() ? "" : "; the brief: " + String.join(" ", m.rules())));
        }
        if (e.reason() != null) {
            out.add("note: " + e.reason());
        }
        return out;
    }

    /** Every line prefixed {@code own tests: } (Gradescope's output), none when the report has no such evidence. */
    static List<String> text(GradeReport r) {
        OwnTestsEvidence e = of(r);
        return e == null
                ? List.of()
                : lines(e).stream().map(l -> "own tests: " + l).toList();
    }

    /** The console section: a heading, then each line indented. */
    static void console(GradeReport r, java.io.PrintWriter out, Ansi ansi) {
        OwnTestsEvidence e = of(r);
        if (e == null) {
            return;
        }
        out.println();
        out.println(ansi.bold("Own tests") + ansi.dim("  (" + Text.ownTestsNote(r) + ")"));
        lines(e).forEach(l -> out.println("  " + l));
    }

    /** The facts as JUnit XML properties, {@code own_tests.*}; none when the report has no such evidence. */
    static Map<String, String> properties(GradeReport r) {
        Map<String, String> p = new LinkedHashMap<>();
        OwnTestsEvidence e = of(r);
        if (e == null) {
            return p;
        }
        p.put("own_tests.status", e.status());
        p.put("own_tests.summary", summary(e));
        if (e.mutants() != null) {
            p.put("own_tests.mutants_caught", e.caught() + " / " + e.mutants());
        }
        if (e.coverage() != null) {
            Coverage c = e.coverage();
            p.put("own_tests.line_coverage", c.linesCovered() + " / " + c.lines());
            p.put("own_tests.branch_coverage", c.branchesCovered() + " / " + c.branches());
        }
        for (int i = 0; i < e.failingOnOwnCode().size(); i++) {
            p.put("own_tests.fails_on_own_code." + (i + 1), e.failingOnOwnCode().get(i));
        }
        for (int i = 0; i < e.failingOnReference().size(); i++) {
            p.put(
                    "own_tests.fails_on_reference." + (i + 1),
                    e.failingOnReference().get(i));
        }
        for (int i = 0; i < e.missed().size(); i++) {
            MissedMutant m = e.missed().get(i);
            p.put(
                    "own_tests.missed." + (i + 1),
                    m.name() + " (" + String.join(", ", m.categories()) + "): " + m.description());
        }
        if (e.reason() != null) {
            p.put("own_tests.note", e.reason());
        }
        return p;
    }

    /** The Markdown section, or "" when the report has no such evidence. */
    static String markdown(GradeReport r) {
        OwnTestsEvidence e = of(r);
        if (e == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("### ")
                .append(TITLE)
                .append(" (")
                .append(Text.ownTestsNote(r))
                .append(")\n\n");
        b.append(MarkdownReport.inline(summary(e))).append("\n\n");
        if (!OwnTestsEvidence.EVALUATED.equals(e.status())) {
            return b.toString();
        }
        e.failingOnOwnCode()
                .forEach(t -> b.append("- Fails on their own code: `")
                        .append(MarkdownReport.code(t))
                        .append("`\n"));
        e.failingOnReference()
                .forEach(t -> b.append(
                                "- Fails on the reference solution (asserts something the brief does" + " not ask): `")
                        .append(MarkdownReport.code(t))
                        .append("`\n"));
        if (!e.failingOnOwnCode().isEmpty() || !e.failingOnReference().isEmpty()) {
            b.append('\n');
        }
        if (!e.byCategory().isEmpty()) {
            b.append("| Rubric category | Mutants caught |\n|---|---:|\n");
            for (CategoryCatch c : e.byCategory()) {
                b.append("| ")
                        .append(MarkdownReport.inline(c.title()))
                        .append(" | ")
                        .append(c.caught())
                        .append(" / ")
                        .append(c.mutants())
                        .append(" |\n");
            }
            b.append('\n');
        }
        if (!e.missed().isEmpty()) {
            b.append("Mistakes their tests would not catch:\n\n");
            for (MissedMutant m : e.missed()) {
                b.append("- `")
                        .append(MarkdownReport.code(m.name()))
                        .append("` (")
                        .append(MarkdownReport.inline(String.join(", ", m.categories())))
                        .append("): ")
                        .append(MarkdownReport.inline(m.description()));
                if (!m.rules().isEmpty()) {
                    b.append(". The brief: ").append(MarkdownReport.inline(String.join(" ", m.rules())));
                }
                b.append('\n');
            }
            b.append('\n');
        }
        if (e.reason() != null) {
            b.append("> ").append(MarkdownReport.inline(e.reason())).append("\n\n");
        }
        return b.toString();
    }

    /** The HTML section ({@code <section id="own-tests">}), or "" when the report has no such evidence. */
    static String html(GradeReport r) {
        OwnTestsEvidence e = of(r);
        if (e == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("<section id=\"own-tests\">\n<h2>")
                .append(esc(TITLE))
                .append(
                        "</h2>\n<p class=\"muted small\">Their tests run on their own code, on the reference solution and on"
                                + " every mutant of the exercise (a known mistake). ")
                .append(esc(Text.ownTestsNote(r).substring(0, 1).toUpperCase(Locale.ROOT)
                        + Text.ownTestsNote(r).substring(1)))
                .append(".</p>\n");
        b.append("<p class=\"own-summary\">").append(esc(summary(e))).append("</p>\n");
        if (!OwnTestsEvidence.EVALUATED.equals(e.status())) {
            return b.append("</section>\n").toString();
        }
        if (!e.failingOnOwnCode().isEmpty() || !e.failingOnReference().isEmpty()) {
            b.append("<ul class=\"own-failing\">\n");
            e.failingOnOwnCode()
                    .forEach(t -> b.append("<li class=\"fails-own\">Fails on their own code: <code>")
                            .append(esc(t))
                            .append("</code></li>\n"));
            e.failingOnReference()
                    .forEach(t -> b.append("<li class=\"fails-reference\">Fails on the reference solution"
                                    + " (asserts something the brief does not ask): <code>")
                            .append(esc(t))
                            .append("</code></li>\n"));
            b.append("</ul>\n");
        }
        if (!e.byCategory().isEmpty()) {
            b.append("<div class=\"table-wrap\"><table class=\"own-categories\">\n<thead><tr><th scope=\"col\">Rubric"
                    + " category</th><th scope=\"col\">Mutants caught</th></tr></thead>\n<tbody>\n");
            for (CategoryCatch c : e.byCategory()) {
                b.append("<tr><td>")
                        .append(esc(c.title()))
                        .append("</td><td class=\"num\">")
                        .append(c.caught())
                        .append(" / ")
                        .append(c.mutants())
                        .append("</td></tr>\n");
            }
            b.append("</tbody>\n</table></div>\n");
        }
        if (!e.missed().isEmpty()) {
            b.append("<h3>Mistakes their tests would not catch</h3>\n<ul class=\"own-missed\">\n");
            for (MissedMutant m : e.missed()) {
                b.append("<li><code>")
                        .append(esc(m.name()))
                        .append("</code> <span class=\"muted\">(")
                        .append(esc(String.join(", ", m.categories())))
                        .append(")</span>: ")
                        .append(esc(m.description()));
                if (!m.rules().isEmpty()) {
                    b.append("<br><span class=\"muted small\">The brief: ")
                            .append(esc(String.join(" ", m.rules())))
                            .append("</span>");
                }
                b.append("</li>\n");
            }
            b.append("</ul>\n");
        }
        if (e.reason() != null) {
            b.append("<p class=\"muted small own-note\">")
                    .append(esc(e.reason()))
                    .append("</p>\n");
        }
        return b.append("</section>\n").toString();
    }

    private static String percentIn(Double p) {
        return p == null ? "" : " (" + percent(p) + ")";
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f%%", p);
    }
}
