package dev.grader.batch;

import static dev.grader.report.Html.esc;

import java.util.Locale;

/** The leaderboard's histogram of scores, per tenth of the score range, as an SVG in a section of its own. */
final class ScoreHistogram {

    private static final int CHART_WIDTH = 640;
    private static final int CHART_HEIGHT = 250;
    private static final int PLOT_LEFT = 40;
    private static final int PLOT_TOP = 24;
    private static final int PLOT_BOTTOM = 200;

    private ScoreHistogram() {}

    /** The section for {@code bins} (submissions per tenth of the score range). */
    static String section(int[] bins) {
        StringBuilder b = new StringBuilder(4_096);
        int max = 1;
        for (int n : bins) {
            max = Math.max(max, n);
        }
        int plotWidth = CHART_WIDTH - PLOT_LEFT - 10;
        double slot = plotWidth / (double) bins.length;
        double barWidth = slot - 8;
        int plotHeight = PLOT_BOTTOM - PLOT_TOP;
        StringBuilder description = new StringBuilder("Score distribution:");
        b.append("<section id=\"distribution\">\n<h2>Score distribution</h2>\n");
        StringBuilder svg = new StringBuilder();
        for (int i = 0; i < bins.length; i++) {
            String range = rangeLabel(i);
            description.append(' ').append(range).append("%: ").append(bins[i]).append(i < bins.length - 1 ? ";" : ".");
            double h = plotHeight * bins[i] / (double) max;
            double x = PLOT_LEFT + i * slot + 4;
            double y = PLOT_BOTTOM - h;
            svg.append("<g class=\"bin\" data-bin=\"")
                    .append(i)
                    .append("\" data-count=\"")
                    .append(bins[i])
                    .append("\">");
            svg.append("<rect class=\"col\" x=\"")
                    .append(fmt(x))
                    .append("\" y=\"")
                    .append(fmt(y))
                    .append("\" width=\"")
                    .append(fmt(barWidth))
                    .append("\" height=\"")
                    .append(fmt(h))
                    .append("\" rx=\"3\"><title>")
                    .append(bins[i])
                    .append(bins[i] == 1 ? " submission" : " submissions")
                    .append(" scored ")
                    .append(range)
                    .append("%</title></rect>");
            if (bins[i] > 0) {
                svg.append("<text x=\"")
                        .append(fmt(x + barWidth / 2))
                        .append("\" y=\"")
                        .append(fmt(y - 6))
                        .append("\" text-anchor=\"middle\" font-weight=\"600\">")
                        .append(bins[i])
                        .append("</text>");
            }
            svg.append("<text x=\"")
                    .append(fmt(x + barWidth / 2))
                    .append("\" y=\"")
                    .append(PLOT_BOTTOM + 20)
                    .append("\" text-anchor=\"middle\">")
                    .append(range)
                    .append("</text></g>");
        }
        b.append("<svg class=\"histogram\" viewBox=\"0 0 ")
                .append(CHART_WIDTH)
                .append(' ')
                .append(CHART_HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(description.toString()))
                .append("\">")
                .append("<line class=\"axis\" x1=\"")
                .append(PLOT_LEFT)
                .append("\" y1=\"")
                .append(PLOT_BOTTOM)
                .append("\" x2=\"")
                .append(CHART_WIDTH - 10)
                .append("\" y2=\"")
                .append(PLOT_BOTTOM)
                .append("\"/>")
                .append("<text x=\"")
                .append(PLOT_LEFT - 8)
                .append("\" y=\"")
                .append(PLOT_TOP + 4)
                .append("\" text-anchor=\"end\">")
                .append(max)
                .append("</text>")
                .append("<text x=\"")
                .append(PLOT_LEFT - 8)
                .append("\" y=\"")
                .append(PLOT_BOTTOM)
                .append("\" text-anchor=\"end\">0</text>")
                .append(svg)
                .append("<text x=\"")
                .append(CHART_WIDTH / 2 + PLOT_LEFT / 2)
                .append("\" y=\"")
                .append(CHART_HEIGHT - 6)
                .append("\" text-anchor=\"middle\">percent of the maximum score</text></svg>\n");
        b.append(
                "<p class=\"muted small\">Submissions per tenth of the score range; a bar counts the scores from its"
                        + " lower bound up to (not including) its upper bound, and the last bar includes 100%.</p>\n</section>\n");
        return b.toString();
    }

    private static String rangeLabel(int bin) {
        return bin * 10 + "–" + (bin + 1) * 10;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
