package dev.grader.batch;

import dev.grader.report.MarkdownReport;
import dev.grader.report.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a leaderboard as CSV, HTML and Markdown. */
public final class LeaderboardFiles {

    public static final String CSV = "leaderboard.csv";
    public static final String HTML = "leaderboard.html";
    public static final String MARKDOWN = "leaderboard.md";

    private LeaderboardFiles() {}

    /** Writes the three files into {@code dir}; returns them. */
    public static List<Path> write(Leaderboard board, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = List.of(dir.resolve(CSV), dir.resolve(HTML), dir.resolve(MARKDOWN));
        Files.writeString(files.get(0), csv(board), StandardCharsets.UTF_8);
        Files.writeString(files.get(1), LeaderboardHtml.render(board), StandardCharsets.UTF_8);
        Files.writeString(files.get(2), markdown(board), StandardCharsets.UTF_8);
        return files;
    }

    /** RFC 4180 CSV: a header row, then one row per submission, best first. */
    public static String csv(Leaderboard board) {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("rank", "submission", "status", "score", "max_score", "percent"));
        for (Leaderboard.Column c : board.categories()) {
            header.add(c.id());
        }
        header.addAll(List.of("flags", "seed", "report", "message"));
        boolean similarity = !board.similar().isEmpty();
        if (similarity) {
            header.add(LeaderboardSimilarity.CSV_HEADER);
        }
        row(b, header);
        int rank = 0;
        for (Leaderboard.Entry e : board.entries()) {
            List<String> cells = new ArrayList<>(List.of(
                    Integer.toString(++rank),
                    e.name(),
                    e.status(),
                    Text.number(e.score()),
                    Text.number(e.maxScore()),
                    Text.number(e.percent())));
            for (Leaderboard.Column c : board.categories()) {
                cells.add(Text.number(e.categoryScores().getOrDefault(c.id(), 0.0)));
            }
            cells.addAll(List.of(
                    Integer.toString(e.flags()),
                    Long.toString(e.seed()),
                    e.report() == null ? "" : e.report(),
                    e.statusMessage() == null ? "" : e.statusMessage()));
            if (similarity) {
                cells.add(LeaderboardSimilarity.csvCell(board, e.name()));
            }
            row(b, cells);
        }
        return b.toString();
    }

    private static void row(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        b.append("\r\n");
    }

    /**
     * A CSV cell: quoted when needed; a leading {@code = + - @} is prefixed with {@code '} so a spreadsheet does not
     * run a submission's name as a formula.
     */
    static String cell(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /** A Markdown table for a step summary. */
    public static String markdown(Leaderboard board) {
        StringBuilder b = new StringBuilder();
        b.append("## Leaderboard: ")
                .append(MarkdownReport.inline(board.exerciseTitle()))
                .append(" (`")
                .append(board.exerciseId())
                .append("` v")
                .append(board.exerciseVersion())
                .append(")\n\n");
        b.append(String.format(
                Locale.ROOT, "%d submissions · mean %.1f%%%n%n", board.entries().size(), board.averagePercent()));
        b.append("| # | Submission | Status | Score | % |");
        for (Leaderboard.Column c : board.categories()) {
            b.append(" `").append(c.id()).append("` |");
        }
        b.append(" Flags |\n|---:|---|---|---:|---:|");
        b.append("---:|".repeat(board.categories().size()));
        b.append("---:|\n");
        int rank = 0;
        for (Leaderboard.Entry e : board.entries()) {
            b.append("| ")
                    .append(++rank)
                    .append(" | ")
                    .append(MarkdownReport.inline(e.name()))
                    .append(" | ")
                    .append(e.status().replace('_', ' '))
                    .append(" | ")
                    .append(Text.number(e.score()))
                    .append(" / ")
                    .append(Text.number(e.maxScore()))
                    .append(" | ")
                    .append(Text.number(e.percent()))
                    .append(" |");
            for (Leaderboard.Column c : board.categories()) {
                b.append(' ')
                        .append(Text.number(e.categoryScores().getOrDefault(c.id(), 0.0)))
                        .append(" |");
            }
            b.append(' ').append(e.flags()).append(" |\n");
        }
        b.append("\n| Category | Mean | Max |\n|---|---:|---:|\n");
        for (Leaderboard.Column c : board.categories()) {
            b.append("| ")
                    .append(MarkdownReport.inline(c.title()))
                    .append(" | ")
                    .append(Text.number(board.average(c.id())))
                    .append(" | ")
                    .append(Text.number(c.maxScore()))
                    .append(" |\n");
        }
        b.append(LeaderboardSimilarity.markdown(board));
        return b.toString();
    }
}
