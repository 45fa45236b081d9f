package dev.grader.report;

import static dev.grader.report.Html.esc;

import dev.grader.model.GradeReport;
import dev.grader.model.SimilarityEvidence;
import dev.grader.model.SimilarityEvidence.OtherKind;
import dev.grader.model.SimilarityEvidence.Region;
import dev.grader.model.SimilarityEvidence.SimilarPair;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's similarity evidence ({@code evidence.similarity}) in every format: the pairs at or above the threshold
 * with their matching regions, side by side in HTML, always with {@link SimilarityEvidence#CAUTION}. Nothing when the
 * report has no similarity evidence (not compared, or the candidate audience).
 */
public final class SimilaritySection {

    private SimilaritySection() {}

    private static SimilarityEvidence of(GradeReport r) {
        return r.evidence() == null ? null : r.evidence().similarity();
    }

    private static String headline(SimilarityEvidence s) {
        return s.pairs().isEmpty()
                ? "no pair at or above " + pct(s.threshold()) + "% among " + s.compared() + " compared"
                : s.pairs().size() + " at or above " + pct(s.threshold()) + "% among " + s.compared() + " compared";
    }

    /** The other side as a reader names it: a submission's name, the reference solution, or a known solution. */
    public static String other(String name, OtherKind kind) {
        return switch (kind) {
            case SUBMISSION -> name;
            case REFERENCE -> "the reference solution";
            case KNOWN -> name + " (known solution)";
        };
    }

    private static String other(SimilarPair p) {
        return other(p.other(), p.otherKind());
    }

    /** A percentage with at most one decimal: {@code 88.1}, {@code 60}. */
    public static String pct(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String where(Region g) {
        return g.file() + ":" + g.startLine() + "-" + g.endLine() + " ↔ " + g.otherFile() + ":" + g.otherStartLine()
                + "-" + g.otherEndLine();
    }

    /** Console: a headline, then one line per pair and one per region. */
    static void console(GradeReport r, PrintWriter out, Ansi ansi) {
        SimilarityEvidence s = of(r);
        if (s == null) {
            return;
        }
        out.println();
        out.println(ansi.bold("Similarity") + "  " + headline(s) + ansi.dim("  (" + SimilarityEvidence.CAUTION + ")"));
        for (SimilarPair p : s.pairs()) {
            out.println("  " + pct(p.percent()) + "%  " + other(p));
            p.regions().forEach(g -> out.println("        " + ansi.cyan(where(g))));
        }
    }

    /** Markdown: a table of pairs and regions. */
    static String markdown(GradeReport r) {
        SimilarityEvidence s = of(r);
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("### Similarity\n\n**")
                .append(SimilarityEvidence.CAUTION)
                .append("** ")
                .append(MarkdownReport.inline(headline(s)))
                .append(" (JPlag; starter code never counts).\n\n");
        if (!s.pairs().isEmpty()) {
            b.append("| Similar to | % | Matching regions (this ↔ other) |\n|---|---:|---|\n");
            for (SimilarPair p : s.pairs()) {
                b.append("| ")
                        .append(MarkdownReport.inline(other(p)))
                        .append(" | ")
                        .append(pct(p.percent()))
                        .append(" | ")
                        .append(MarkdownReport.inline(String.join(
                                "; ",
                                p.regions().stream()
                                        .map(SimilaritySection::where)
                                        .toList())))
                        .append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** JUnit XML properties: {@code similarity} and {@code similarity.N} per pair. */
    static Map<String, String> properties(GradeReport r) {
        Map<String, String> out = new LinkedHashMap<>();
        SimilarityEvidence s = of(r);
        if (s == null) {
            return out;
        }
        out.put("similarity", headline(s) + ". " + SimilarityEvidence.CAUTION);
        for (int i = 0; i < s.pairs().size(); i++) {
            SimilarPair p = s.pairs().get(i);
            out.put(
                    "similarity." + (i + 1),
                    pct(p.percent()) + "% " + other(p) + ": "
                            + String.join(
                                    "; ",
                                    p.regions().stream()
                                            .map(SimilaritySection::where)
                                            .toList()));
        }
        return out;
    }

    /** Plain text lines for the Gradescope summary. */
    static String text(GradeReport r) {
        SimilarityEvidence s = of(r);
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nsimilarity: ")
                .append(headline(s))
                .append(". ")
                .append(SimilarityEvidence.CAUTION);
        for (SimilarPair p : s.pairs()) {
            b.append("\n  ")
                    .append(pct(p.percent()))
                    .append("% ")
                    .append(other(p))
                    .append(": ")
                    .append(String.join(
                            "; ",
                            p.regions().stream().map(SimilaritySection::where).toList()));
        }
        return b.toString();
    }

    private static final String SIDE_CSS = "<style>.side{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}"
            + ".side pre{overflow:auto;max-height:24rem;margin:0;font-size:.8rem}.side>div{min-width:0}"
            + ".side h4{margin:.25rem 0;font-size:.85rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}</style>\n";

    /** HTML: the pairs, each region's code side by side (this submission left, the other right). */
    static void html(GradeReport r, StringBuilder b) {
        SimilarityEvidence s = of(r);
        if (s == null) {
            return;
        }
        b.append(
                        "<section id=\"similarity\" aria-labelledby=\"similarity-h\">\n<h2 id=\"similarity-h\">Similarity</h2>\n")
                .append(SIDE_CSS)
                .append("<p class=\"caution\"><strong>")
                .append(esc(SimilarityEvidence.CAUTION))
                .append("</strong> ")
                .append(esc(headline(s)))
                .append(" (JPlag's average similarity; starter code never counts).</p>\n");
        for (SimilarPair p : s.pairs()) {
            b.append("<article class=\"similar-pair\">\n<h3><span class=\"other\">")
                    .append(esc(other(p)))
                    .append("</span> <span class=\"percent\">")
                    .append(esc(pct(p.percent())))
                    .append("%</span></h3>\n");
            List<Region> withoutCode = new ArrayList<>();
            for (Region g : p.regions()) {
                if (g.lines().isEmpty() && g.otherLines().isEmpty()) {
                    withoutCode.add(g);
                } else {
                    side(b, p, g);
                }
            }
            if (!withoutCode.isEmpty()) {
                b.append("<ul class=\"regions mono small\">\n");
                withoutCode.forEach(g -> b.append("<li>").append(esc(where(g))).append("</li>\n"));
                b.append("</ul>\n");
            }
            b.append("</article>\n");
        }
        b.append("</section>\n");
    }

    private static void side(StringBuilder b, SimilarPair p, Region g) {
        String mine = "This submission · " + g.file() + ":" + g.startLine() + "-" + g.endLine();
        String theirs = other(p) + " · " + g.otherFile() + ":" + g.otherStartLine() + "-" + g.otherEndLine();
        b.append("<div class=\"side\">\n<div class=\"this\"><h4 class=\"mono\" title=\"")
                .append(esc(mine))
                .append("\">")
                .append(esc(mine))
                .append("</h4><pre><code>")
                .append(esc(String.join("\n", g.lines())))
                .append("</code></pre></div>\n<div class=\"that\"><h4 class=\"mono\" title=\"")
                .append(esc(theirs))
                .append("\">")
                .append(esc(theirs))
                .append("</h4><pre><code>")
                .append(esc(String.join("\n", g.otherLines())))
                .append("</code></pre></div>\n</div>\n");
    }
}
