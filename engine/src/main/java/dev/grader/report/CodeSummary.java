package dev.grader.report;

import dev.grader.model.CodeEvidence;
import dev.grader.model.CodeEvidence.Method;
import dev.grader.model.GradeReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where to read, for the formats other than HTML (console, Markdown, JUnit XML, Gradescope): the ten largest methods
 * the candidate added or changed, with their sizes and places. The diffs themselves are in the HTML and JSON reports.
 */
final class CodeSummary {

    /** Methods listed at most. */
    static final int TOP = 10;

    private CodeSummary() {}

    /** {@code Limiter.tryAcquire(String)  8 lines, changed  src/main/java/com/acme/Limiter.java:15}, largest first. */
    static List<String> lines(GradeReport r) {
        CodeEvidence code = code(r);
        if (code == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (Method m : code.methods().subList(0, Math.min(TOP, code.methods().size()))) {
            lines.add(m.name() + "  " + Text.count(m.lines(), "line", "lines") + ", "
                    + m.change().id() + "  " + m.file() + ":" + m.line());
        }
        return lines;
    }

    /** {@code 3 files added or changed, 12 methods; the 10 largest:}. */
    static String heading(GradeReport r) {
        CodeEvidence code = code(r);
        int methods = code.methods().size();
        return Text.count(code.files().size(), "file", "files") + " added or changed, "
                + Text.count(methods, "method", "methods") + " added or changed"
                + (methods > TOP ? "; the " + TOP + " largest:" : methods == 0 ? "" : ", largest first:");
    }

    /** The console's "Where to read" block; nothing without code evidence. */
    static void print(GradeReport r, PrintWriter out, Ansi ansi) {
        if (code(r) == null) {
            return;
        }
        out.println();
        out.println(ansi.bold("Where to read") + ansi.dim("  (the diffs are in the HTML and JSON reports)"));
        out.println("  " + heading(r));
        lines(r).forEach(l -> out.println("    " + l));
    }

    /** The Markdown section; empty without code evidence. */
    static String markdown(GradeReport r) {
        if (code(r) == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("### Where to read\n\n")
                .append(MarkdownReport.inline(heading(r)))
                .append("\n\n");
        for (Method m :
                code(r).methods().subList(0, Math.min(TOP, code(r).methods().size()))) {
            b.append("- ")
                    .append(MarkdownReport.inline(m.name()))
                    .append(": ")
                    .append(Text.count(m.lines(), "line", "lines"))
                    .append(", ")
                    .append(m.change().id())
                    .append(", ")
                    .append(MarkdownReport.inline(m.file() + ":" + m.line()))
                    .append('\n');
        }
        return b.append('\n').toString();
    }

    /** JUnit XML properties: {@code code} (the heading) and {@code code.method.1} ... */
    static Map<String, String> properties(GradeReport r) {
        Map<String, String> p = new LinkedHashMap<>();
        if (code(r) == null) {
            return p;
        }
        p.put("code", heading(r));
        List<String> lines = lines(r);
        for (int i = 0; i < lines.size(); i++) {
            p.put("code.method." + (i + 1), lines.get(i));
        }
        return p;
    }

    /** Lines for a plain-text summary (Gradescope's output); empty without code evidence. */
    static String text(GradeReport r) {
        if (code(r) == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nwhere to read: ").append(heading(r));
        lines(r).forEach(l -> b.append("\n  ").append(l));
        return b.toString();
    }

    private static CodeEvidence code(GradeReport r) {
        return r.evidence() == null ? null : r.evidence().code();
    }
}
