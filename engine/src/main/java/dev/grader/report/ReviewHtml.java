package dev.grader.report;

import static dev.grader.report.Html.badge;
import static dev.grader.report.Html.esc;

import dev.grader.model.ChangeSummary;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The HTML report's sections for a reviewer: the review flags, the changes from the starter and the grader's
 * warnings.
 */
final class ReviewHtml {

    /** File lists longer than this start collapsed. */
    private static final int OPEN_FILE_LIST = 30;

    private final GradeReport r;
    private final StringBuilder b;

    ReviewHtml(GradeReport r, StringBuilder b) {
        this.r = r;
        this.b = b;
    }

    /** Writes the flags, the change summary and the warnings. */
    void write() {
        flags();
        changes();
        warnings();
    }

    private void flags() {
        if (r.flags().isEmpty()) {
            return;
        }
        List<Flag> sorted = new ArrayList<>(r.flags());
        sorted.sort(Comparator.comparingInt(f -> severityRank(f.severity())));
        b.append("<section id=\"flags\">\n<h2>Review flags <span class=\"muted small\">")
                .append(sorted.size())
                .append("</span></h2>\n<p class=\"muted small\">Things in the submission a reviewer should look at. "
                        + "Flags do not change the score.</p>\n")
                .append(
                        "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Kind</th>")
                .append("<th scope=\"col\">Where</th><th scope=\"col\">What</th></tr></thead>\n<tbody>\n");
        for (Flag f : sorted) {
            b.append("<tr class=\"flag\"><td>")
                    .append(severityBadge(f.severity()))
                    .append("</td><td class=\"mono nowrap\">")
                    .append(esc(f.kind()))
                    .append("</td><td class=\"mono\">")
                    .append(esc(f.location()))
                    .append("</td><td>")
                    .append(esc(f.message()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table></div>\n</section>\n");
    }

    private void changes() {
        ChangeSummary c = r.changes();
        if (c == null) {
            return;
        }
        b.append("<section id=\"changes\">\n<h2>Changes from the starter</h2>\n");
        if (c.added().isEmpty() && c.changed().isEmpty() && c.removed().isEmpty()) {
            b.append("<p>No file differs from the starter.</p>\n</section>\n");
            return;
        }
        b.append("<p>")
                .append(count(c.added().size(), "file"))
                .append(" added · ")
                .append(c.changed().size())
                .append(" changed · ")
                .append(c.removed().size())
                .append(" removed · <span class=\"nowrap\">+")
                .append(c.linesAdded())
                .append(" / −")
                .append(c.linesRemoved())
                .append(" lines</span></p>\n");
        b.append("<div class=\"files\">\n");
        fileList("Added", c.added());
        fileList("Changed", c.changed());
        fileList("Removed", c.removed());
        b.append("</div>\n</section>\n");
    }

    private void fileList(String heading, List<String> files) {
        if (files.isEmpty()) {
            return;
        }
        b.append("<details")
                .append(files.size() <= OPEN_FILE_LIST ? " open" : "")
                .append(">\n<summary>")
                .append(esc(heading))
                .append(" (")
                .append(files.size())
                .append(")</summary>\n<ul class=\"plain mono small\">\n");
        for (String f : files) {
            b.append("<li>").append(esc(f)).append("</li>\n");
        }
        b.append("</ul>\n</details>\n");
    }

    private void warnings() {
        if (r.warnings().isEmpty()) {
            return;
        }
        b.append("<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul class=\"plain\">\n");
        for (String w : r.warnings()) {
            b.append("<li class=\"message\">").append(esc(w)).append("</li>\n");
        }
        b.append("</ul>\n</section>\n");
    }

    /** Alerts first, then warnings, then information. */
    private static int severityRank(Flag.Severity severity) {
        return switch (severity) {
            case ALERT -> 0;
            case WARNING -> 1;
            case INFO -> 2;
        };
    }

    private static String severityBadge(Flag.Severity severity) {
        String kind =
                switch (severity) {
                    case ALERT -> "bad";
                    case WARNING -> "warn";
                    case INFO -> "info";
                };
        return badge(severity.id(), kind);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
