package dev.grader.batch;

import static dev.grader.report.Html.badge;
import static dev.grader.report.Html.esc;
import static dev.grader.report.Html.percent;
import static dev.grader.report.Html.points;

import dev.grader.report.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A leaderboard as a self-contained HTML page: how many submissions, the mean score, a histogram of the scores,
 * the mean points of each category against its maximum, and the ranked table linking to each submission's
 * report. Names and messages are escaped; the page loads nothing and runs no script.
 */
public final class LeaderboardHtml {

    private final Leaderboard board;
    private final StringBuilder b = new StringBuilder(16_384);

    private LeaderboardHtml(Leaderboard board) {
        this.board = board;
    }

    /** The page for {@code board}. */
    public static String render(Leaderboard board) {
        LeaderboardHtml page = new LeaderboardHtml(board);
        page.body();
        return Html.page(page.title() + " · leaderboard", page.b.toString(), true);
    }

    private String title() {
        String t = board.exerciseTitle();
        return t == null || t.isBlank() ? board.exerciseId() : t;
    }

    private void body() {
        b.append("<header>\n<p class=\"eyebrow\">Leaderboard · <span class=\"mono\">")
                .append(esc(board.exerciseId()))
                .append("</span> version ")
                .append(board.exerciseVersion())
                .append("</p>\n<h1>")
                .append(esc(title()))
                .append("</h1>\n");
        if (board.generatedAt() != null) {
            b.append("<p class=\"muted small\">Generated ")
                    .append(esc(board.generatedAt()))
                    .append("</p>\n");
        }
        b.append("</header>\n");
        stats();
        if (board.entries().isEmpty()) {
            b.append("<section><p>No submission has been graded yet.</p></section>\n");
            return;
        }
        histogram();
        categories();
        ranking();
        LeaderboardSimilarity.html(b, board);
    }

    private void stats() {
        List<Leaderboard.Entry> entries = board.entries();
        long notCompiling = entries.stream()
                .filter(e -> "does_not_compile".equals(e.status()))
                .count();
        long infrastructure = entries.stream()
                .filter(e -> "infrastructure_error".equals(e.status()))
                .count();
        long flagged = entries.stream().filter(e -> e.flags() > 0).count();
        b.append("<section class=\"stats\" id=\"stats\" aria-label=\"Summary\">\n");
        stat("count", Integer.toString(entries.size()), entries.size() == 1 ? "submission" : "submissions");
        stat("mean", entries.isEmpty() ? "–" : percent(board.averagePercent()) + "%", "mean score");
        stat("not-compiling", Long.toString(notCompiling), "did not compile");
        if (infrastructure > 0) {
            stat("infrastructure", Long.toString(infrastructure), "not graded (infrastructure error)");
        }
        stat("flagged", Long.toString(flagged), "with review flags");
        b.append("</section>\n");
    }

    private void stat(String id, String value, String label) {
        b.append("<div class=\"stat\" id=\"stat-")
                .append(id)
                .append("\"><div class=\"value\">")
                .append(esc(value))
                .append("</div><div class=\"label\">")
                .append(esc(label))
                .append("</div></div>\n");
    }

    private void histogram() {
        b.append(ScoreHistogram.section(board.histogram()));
    }

    private void categories() {
        if (board.categories().isEmpty()) {
            return;
        }
        b.append(
                        "<section id=\"category-averages\">\n<h2>Mean points per category</h2>\n<div class=\"table-wrap\"><table>\n")
                .append("<thead><tr><th scope=\"col\">Category</th><th scope=\"col\" style=\"width:45%\">Mean</th>")
                .append("<th scope=\"col\" class=\"num\">Mean / max</th><th scope=\"col\" class=\"num\">Share</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Leaderboard.Column c : board.categories()) {
            double avg = board.average(c.id());
            String label = c.title() + ": mean " + points(avg) + " of " + points(c.maxScore()) + " points";
            b.append("<tr class=\"category\" data-category=\"")
                    .append(esc(c.id()))
                    .append("\"><td class=\"cat-title\">")
                    .append(esc(c.title()))
                    .append("</td><td style=\"vertical-align:middle\">")
                    .append(Html.bar(avg, c.maxScore(), label, "", "data-category=\"" + esc(c.id()) + "\""))
                    .append("</td><td class=\"num\">")
                    .append(points(avg))
                    .append(" / ")
                    .append(points(c.maxScore()))
                    .append("</td><td class=\"num\">")
                    .append(percent(Html.share(avg, c.maxScore())))
                    .append("%</td></tr>\n");
        }
        b.append("</tbody>\n</table></div>\n</section>\n");
    }

    private void ranking() {
        b.append("<section id=\"ranking\">\n<h2>Ranking</h2>\n<div class=\"table-wrap\"><table class=\"compact\">\n")
                .append("<thead><tr>")
                .append(
                        "<th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Submission</th><th scope=\"col\">Status</th>")
                .append("<th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">%</th>");
        for (Leaderboard.Column c : board.categories()) {
            b.append("<th scope=\"col\" class=\"num wrap\" title=\"")
                    .append(esc(c.title()))
                    .append(" (max ")
                    .append(points(c.maxScore()))
                    .append(")\">")
                    .append(esc(c.title()))
                    .append("<br><span class=\"small\">/ ")
                    .append(points(c.maxScore()))
                    .append("</span></th>");
        }
        b.append("<th scope=\"col\" class=\"num\">Flags</th></tr></thead>\n<tbody>\n");
        List<Leaderboard.Entry> entries = board.entries();
        List<Integer> ranks = ranks(entries);
        for (int i = 0; i < entries.size(); i++) {
            Leaderboard.Entry e = entries.get(i);
            b.append("<tr class=\"entry\"><td class=\"num rank\">")
                    .append(ranks.get(i))
                    .append("</td><td class=\"name\">");
            String href = relativeHref(e.report());
            if (href != null) {
                b.append("<a href=\"")
                        .append(esc(href))
                        .append("\">")
                        .append(esc(e.name()))
                        .append("</a>");
            } else {
                b.append(esc(e.name()));
            }
            b.append("</td><td class=\"status\"");
            if (e.statusMessage() != null && !e.statusMessage().isBlank()) {
                b.append(" title=\"").append(esc(e.statusMessage())).append('"');
            }
            b.append('>')
                    .append(statusBadge(e.status()))
                    .append("</td><td class=\"num score\">")
                    .append(points(e.score()))
                    .append(" / ")
                    .append(points(e.maxScore()))
                    .append("</td><td class=\"num percent\">")
                    .append(percent(e.percent()))
                    .append("%")
                    .append(Html.bar(e.percent(), 100, percent(e.percent()) + "%", "mini", ""))
                    .append("</td>");
            for (Leaderboard.Column c : board.categories()) {
                Double v = e.categoryScores().get(c.id());
                b.append("<td class=\"num\">")
                        .append(v == null ? "–" : points(v))
                        .append("</td>");
            }
            b.append("<td class=\"num flags\">")
                    .append(e.flags() > 0 ? "<strong>" + e.flags() + "</strong>" : "0")
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table></div>\n</section>\n");
    }

    /** Competition ranking: equal scores share a rank, and the next rank skips ("1, 2, 2, 4"). */
    private static List<Integer> ranks(List<Leaderboard.Entry> entries) {
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            boolean tie = i > 0
                    && Math.abs(entries.get(i).score() - entries.get(i - 1).score()) < 1e-9;
            ranks.add(tie ? ranks.get(i - 1) : i + 1);
        }
        return ranks;
    }

    private static String statusBadge(String status) {
        if (status == null) {
            return badge("unknown", "neutral");
        }
        return switch (status) {
            case "graded" -> badge("graded", "neutral");
            case "does_not_compile" -> badge("does not compile", "bad");
            case "rejected" -> badge("rejected", "bad");
            case "infrastructure_error" -> badge("infrastructure error", "warn");
            default -> badge(status.replace('_', ' '), "neutral");
        };
    }

    /**
     * {@code link}, a path relative to the leaderboard's folder, as a relative URL: each path segment is
     * percent-encoded (so a name cannot smuggle a scheme such as {@code javascript:} or a query), backslashes count
     * as slashes, and leading slashes are dropped so the link stays relative. {@code null} when there is no link.
     */
    static String relativeHref(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        String path = link.replace('\\', '/');
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        if (segments.isEmpty()) {
            return null;
        }
        return String.join("/", segments) + (path.endsWith("/") ? "/" : "");
    }
}
