package dev.grader.report;

import dev.grader.model.GradeReport;
import dev.grader.model.HistoryEvidence;
import dev.grader.model.HistoryEvidence.DatedCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's git history evidence (how the submission was built) in words, for every format: the same facts, in
 * the same order, as label and text. Facts only: the reader draws the conclusions.
 */
public final class HistorySection {

    /** The section's heading in every format. */
    public static final String TITLE = "How it was built (git history)";
    /** The line under the heading. */
    public static final String NOTE = "evidence for a person; it does not change the score";

    /** One fact: a label and its text. */
    public record Fact(String label, String text) {}

    private HistorySection() {}

    /** The report's history, or null when it has none (not gathered, or the candidate's view). */
    public static HistoryEvidence of(GradeReport r) {
        return r.evidence() == null ? null : r.evidence().history();
    }

    /** The facts, in order; one fact when there is no history to read. */
    public static List<Fact> facts(HistoryEvidence h) {
        List<Fact> facts = new ArrayList<>();
        if (!h.available()) {
            facts.add(new Fact("History", "not available: " + h.reason()));
            return facts;
        }
        facts.add(new Fact("Commits", h.commits() + (h.head() == null ? "" : " (graded: " + h.head() + ")")));
        facts.add(new Fact("First commit", when(h.firstCommitAt())));
        facts.add(new Fact("Last commit", when(h.lastCommitAt())));
        String budget = h.timeBudgetSeconds() == null
                ? "the exercise has no time budget"
                : Text.number(h.spanOfBudget()) + " × the time budget of " + duration(h.timeBudgetSeconds());
        facts.add(new Fact("Span", duration(h.spanSeconds()) + "; " + budget));
        facts.add(new Fact(
                "Longest gap",
                h.longestGap() == null
                        ? "none (one commit)"
                        : duration(h.longestGap().seconds()) + ", between "
                                + h.longestGap().after() + " and "
                                + h.longestGap().before()));
        facts.add(new Fact(
                "Largest single commit",
                h.ownLines() == null
                        ? "not counted: counting the lines by commit took longer than its time limit"
                        : h.largestCommit() == null
                                ? "no lines of the final code beyond the starter's"
                                : h.largestCommit().lines() + " of the final code's " + h.ownLines() + " own lines ("
                                        + Text.number(h.largestCommit().percent()) + "%) arrived in "
                                        + h.largestCommit().commit() + " \""
                                        + h.largestCommit().subject() + "\""));
        facts.add(new Fact("Dated before a parent", dated(h.outOfOrder())));
        facts.add(new Fact("Dated after the grade began", dated(h.inFuture())));
        return facts;
    }

    /** The facts as plain lines, {@code label: text}. */
    public static List<String> lines(HistoryEvidence h) {
        return facts(h).stream().map(f -> f.label() + ": " + f.text()).toList();
    }

    /** The JUnit XML properties, named {@code evidence.history.<field>}, values as in the JSON report. */
    public static Map<String, String> properties(GradeReport r) {
        Map<String, String> p = new LinkedHashMap<>();
        HistoryEvidence h = of(r);
        if (h == null) {
            return p;
        }
        String k = "evidence.history.";
        p.put(k + "available", Boolean.toString(h.available()));
        if (!h.available()) {
            p.put(k + "reason", h.reason());
            return p;
        }
        p.put(k + "commits", Integer.toString(h.commits()));
        p.put(k + "head", h.head());
        p.put(k + "first_commit_at", h.firstCommitAt());
        p.put(k + "last_commit_at", h.lastCommitAt());
        p.put(k + "span_seconds", String.valueOf(h.spanSeconds()));
        if (h.longestGap() != null) {
            p.put(
                    k + "longest_gap",
                    h.longestGap().seconds() + " s between " + h.longestGap().after() + " and "
                            + h.longestGap().before());
        }
        if (h.timeBudgetSeconds() != null) {
            p.put(k + "time_budget_seconds", h.timeBudgetSeconds().toString());
            p.put(k + "span_of_budget", Text.number(h.spanOfBudget()));
        }
        if (h.ownLines() != null) {
            p.put(k + "own_lines", h.ownLines().toString());
        }
        if (h.largestCommit() != null) {
            p.put(
                    k + "largest_commit",
                    h.largestCommit().commit() + " " + h.largestCommit().lines() + " lines ("
                            + Text.number(h.largestCommit().percent()) + "%)");
        }
        for (int i = 0; i < h.outOfOrder().size(); i++) {
            p.put(k + "out_of_order." + (i + 1), dated(List.of(h.outOfOrder().get(i))));
        }
        for (int i = 0; i < h.inFuture().size(); i++) {
            p.put(k + "in_future." + (i + 1), dated(List.of(h.inFuture().get(i))));
        }
        return p;
    }

    /** The section for the console: a heading and one indented line per fact; nothing without history. */
    static void console(GradeReport r, Ansi ansi, java.io.PrintWriter out) {
        HistoryEvidence h = of(r);
        if (h == null) {
            return;
        }
        out.println();
        out.println(ansi.bold(TITLE) + ansi.dim("  (" + NOTE + ")"));
        for (Fact f : facts(h)) {
            out.println("  " + String.format(java.util.Locale.ROOT, "%-28s", f.label()) + " " + f.text());
        }
    }

    /** The section in Markdown, every text escaped; empty without history. */
    static String markdown(GradeReport r) {
        HistoryEvidence h = of(r);
        if (h == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("### ")
                .append(TITLE)
                .append("\n\n_")
                .append(NOTE)
                .append("_\n\n")
                .append("| | |\n|---|---|\n");
        for (Fact f : facts(h)) {
            b.append("| ")
                    .append(MarkdownReport.inline(f.label()))
                    .append(" | ")
                    .append(MarkdownReport.inline(f.text()))
                    .append(" |\n");
        }
        return b.append('\n').toString();
    }

    /** The section of the HTML page ({@code id="history"}), every text escaped; empty without history. */
    static String html(GradeReport r) {
        HistoryEvidence h = of(r);
        if (h == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("<section id=\"history\">\n<h2>")
                .append(Html.esc(TITLE))
                .append("</h2>\n<p class=\"muted small\">")
                .append(Html.esc(NOTE.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + NOTE.substring(1)))
                .append(".</p>\n<dl class=\"facts-grid\">\n");
        for (Fact f : facts(h)) {
            b.append("<dt>")
                    .append(Html.esc(f.label()))
                    .append("</dt><dd>")
                    .append(Html.esc(f.text()))
                    .append("</dd>\n");
        }
        return b.append("</dl>\n</section>\n").toString();
    }

    /** The section as lines of Gradescope's {@code output}; empty without history. */
    static String text(GradeReport r) {
        HistoryEvidence h = of(r);
        return h == null ? "" : "\nhistory: " + String.join("\nhistory: ", lines(h));
    }

    /** {@code 2026-12-01 10:00:00 UTC} from an ISO-8601 instant. */
    static String when(String instant) {
        return instant == null ? "" : instant.replace('T', ' ').replace("Z", " UTC");
    }

    /** {@code 4h}, {@code 2h 20m}, {@code 45m}, {@code 30s}, {@code 3d 4h}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        List<String> parts = new ArrayList<>();
        if (d > 0) {
            parts.add(d + "d");
        }
        if (h > 0) {
            parts.add(h + "h");
        }
        if (m > 0 && d == 0) {
            parts.add(m + "m");
        }
        return String.join(" ", parts);
    }

    private static String dated(List<DatedCommit> commits) {
        if (commits.isEmpty()) {
            return "none";
        }
        List<String> each = new ArrayList<>();
        for (DatedCommit c : commits) {
            each.add(c.commit() + " \"" + c.subject() + "\" at " + when(c.committedAt())
                    + (c.parent() == null ? "" : ", its parent " + c.parent() + " at " + when(c.parentCommittedAt())));
        }
        return String.join("; ", each);
    }
}
