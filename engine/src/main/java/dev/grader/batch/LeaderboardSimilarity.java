package dev.grader.batch;

import static dev.grader.report.Html.esc;

import dev.grader.model.GradeReport;
import dev.grader.model.SimilarityEvidence;
import dev.grader.report.MarkdownReport;
import dev.grader.report.SimilaritySection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The leaderboard's similar pairs: gathered from the reports' similarity evidence (each pair once) and rendered for
 * the CSV, Markdown and HTML boards, always with {@link SimilarityEvidence#CAUTION}.
 */
final class LeaderboardSimilarity {

    /** The CSV column's header: the caution travels with the data. */
    static final String CSV_HEADER = "similar_to (a reason to look, not proof)";
    /** The Markdown and HTML tables show the most similar pairs only (a batch of copies has thousands). */
    static final int MAX_TABLE_ROWS = 300;

    private LeaderboardSimilarity() {}

    /** Every pair the reports list, once, most similar first. */
    static List<Leaderboard.Similar> pairs(List<GradeReport> reports, Function<GradeReport, String> name) {
        List<Leaderboard.Similar> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GradeReport r : reports) {
            SimilarityEvidence s = r.evidence() == null ? null : r.evidence().similarity();
            if (s == null) {
                continue;
            }
            String self = name.apply(r);
            for (SimilarityEvidence.SimilarPair p : s.pairs()) {
                boolean submission = p.otherKind() == SimilarityEvidence.OtherKind.SUBMISSION;
                String key = !submission
                        ? self + "\u0000" + p.otherKind().json() + "\u0000" + p.other()
                        : p.other().compareTo(self) < 0 ? p.other() + "\u0000" + self : self + "\u0000" + p.other();
                if (seen.add(key)) {
                    List<String> regions = p.regions().stream()
                            .map(g -> g.file() + ":" + g.startLine() + "-" + g.endLine() + " ↔ " + g.otherFile() + ":"
                                    + g.otherStartLine() + "-" + g.otherEndLine())
                            .toList();
                    out.add(new Leaderboard.Similar(
                            self,
                            SimilaritySection.other(p.other(), p.otherKind()),
                            p.otherKind().json(),
                            p.percent(),
                            regions));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Leaderboard.Similar::percent)
                .reversed()
                .thenComparing(Leaderboard.Similar::name)
                .thenComparing(Leaderboard.Similar::other));
        return out;
    }

    /** The CSV cell of one submission: its pairs as {@code other (kind) 97.5%}, separated by {@code ; }. */
    static String csvCell(Leaderboard board, String submission) {
        return board.similar().stream()
                .filter(p -> p.name().equals(submission)
                        || p.other().equals(submission) && "submission".equals(p.otherKind()))
                .map(p -> (p.name().equals(submission) ? p.other() : p.name()) + " "
                        + SimilaritySection.pct(p.percent()) + "%")
                .collect(Collectors.joining("; "));
    }

    /** The Markdown section (empty when there are no pairs). */
    static String markdown(Leaderboard board) {
        if (board.similar().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n### Similar pairs\n\n")
                .append(SimilarityEvidence.CAUTION)
                .append(
                        " JPlag, starter code left out.\n\n| Submission | Similar to | % | Matching regions |\n|---|---|---:|---|\n");
        for (Leaderboard.Similar p :
                board.similar().stream().limit(MAX_TABLE_ROWS).toList()) {
            b.append("| ")
                    .append(MarkdownReport.inline(p.name()))
                    .append(" | ")
                    .append(MarkdownReport.inline(p.other()))
                    .append(" | ")
                    .append(SimilaritySection.pct(p.percent()))
                    .append(" | ")
                    .append(MarkdownReport.inline(String.join("; ", p.regions())))
                    .append(" |\n");
        }
        return b.append(more(board)).toString();
    }

    /** The HTML section (nothing when there are no pairs). */
    static void html(StringBuilder b, Leaderboard board) {
        if (board.similar().isEmpty()) {
            return;
        }
        b.append(
                        "<section id=\"similarity\" aria-labelledby=\"similarity-h\">\n<h2 id=\"similarity-h\">Similar pairs</h2>\n")
                .append("<p class=\"caution\"><strong>")
                .append(esc(SimilarityEvidence.CAUTION))
                .append("</strong> ")
                .append(
                        "JPlag's average similarity; starter code never counts. Each submission's report shows the matching ")
                .append(
                        "code side by side.</p>\n<table class=\"similar\">\n<thead><tr><th scope=\"col\">Submission</th>")
                .append("<th scope=\"col\">Similar to</th><th scope=\"col\" class=\"num\">%</th>")
                .append("<th scope=\"col\">Matching regions</th></tr></thead>\n<tbody>\n");
        for (Leaderboard.Similar p :
                board.similar().stream().limit(MAX_TABLE_ROWS).toList()) {
            b.append("<tr><td>")
                    .append(esc(p.name()))
                    .append("</td><td>")
                    .append(esc(p.other()))
                    .append("</td><td class=\"num\">")
                    .append(esc(SimilaritySection.pct(p.percent())))
                    .append("</td><td class=\"mono small\">")
                    .append(esc(String.join("; ", p.regions())))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        if (board.similar().size() > MAX_TABLE_ROWS) {
            b.append("<p class=\"muted\">").append(esc(more(board).strip())).append("</p>\n");
        }
        b.append("</section>\n");
    }

    private static String more(Leaderboard board) {
        int hidden = board.similar().size() - MAX_TABLE_ROWS;
        return hidden <= 0
                ? ""
                : "\n" + hidden + " less similar pairs are not shown here: each submission's report and"
                        + " the CSV list them all.\n";
    }
}
