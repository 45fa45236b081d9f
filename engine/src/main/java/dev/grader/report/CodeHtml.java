package dev.grader.report;

import static dev.grader.report.Html.badge;
import static dev.grader.report.Html.esc;

import dev.grader.model.CodeEvidence;
import dev.grader.model.CodeEvidence.Line;
import dev.grader.model.CodeEvidence.LineKind;
import dev.grader.model.CodeEvidence.Method;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import dev.grader.model.PolicyViolation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The HTML report's "Where to read" section: the methods the candidate added or changed, largest first, each linked
 * to its lines, then each added or changed file as a unified diff, Java highlighted, with the review flags and the
 * code policy's findings shown under the line they are about. Every text of the submission is escaped.
 */
final class CodeHtml {

    private final GradeReport r;
    private final CodeEvidence code;
    private final StringBuilder b;

    private CodeHtml(GradeReport r, StringBuilder b) {
        this.r = r;
        this.code = r.evidence() == null ? null : r.evidence().code();
        this.b = b;
    }

    /** Appends the section to {@code b}; nothing when the report holds no code evidence. */
    static void write(GradeReport r, StringBuilder b) {
        CodeHtml html = new CodeHtml(r, b);
        if (html.code != null) {
            html.section();
        }
    }

    private void section() {
        b.append("<section id=\"code\">\n<h2>Where to read <span class=\"muted small\">")
                .append(Text.count(code.files().size(), "file", "files"))
                .append(" · ")
                .append(Text.count(code.methods().size(), "method", "methods"))
                .append("</span></h2>\n")
                .append(
                        "<p class=\"muted small\">The candidate's added and changed files against the starter, with the review"
                                + " flags and code policy findings at their lines. Evidence for a person: it does not change the score."
                                + "</p>\n");
        if (!code.notes().isEmpty()) {
            b.append("<ul class=\"plain small code-notes\">\n");
            code.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        if (code.files().isEmpty()) {
            b.append("<p>No file was added or changed.</p>\n</section>\n");
            return;
        }
        methods();
        for (int i = 0; i < code.files().size(); i++) {
            file(i, code.files().get(i));
        }
        b.append("</section>\n");
    }

    private void methods() {
        if (code.methods().isEmpty()) {
            return;
        }
        b.append("<h3>Read first: methods added or changed, largest first</h3>\n<div class=\"table-wrap\">")
                .append("<table class=\"compact methods\">\n<thead><tr><th scope=\"col\">Method</th>")
                .append(
                        "<th scope=\"col\" class=\"num\">Lines</th><th scope=\"col\">Change</th><th scope=\"col\">File</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Method m : code.methods()) {
            b.append("<tr class=\"method\"><td class=\"mono\"><a href=\"#")
                    .append(anchor(m))
                    .append("\">")
                    .append(esc(m.name()))
                    .append("</a></td><td class=\"num\">")
                    .append(m.lines())
                    .append("</td><td>")
                    .append(badge(m.change().id(), m.change() == CodeEvidence.Change.ADDED ? "good" : "info"))
                    .append("</td><td class=\"mono small\" title=\"")
                    .append(esc(m.file()))
                    .append("\">")
                    .append(esc(fileName(m.file()) + ":" + m.line()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
    }

    /** The id of the method's first shown line, or of its file when none of its lines is shown. */
    private String anchor(Method m) {
        for (int i = 0; i < code.files().size(); i++) {
            CodeEvidence.File f = code.files().get(i);
            if (!f.path().equals(m.file())) {
                continue;
            }
            for (CodeEvidence.Hunk h : f.hunks()) {
                for (Line l : h.lines()) {
                    if (l.newLine() != null && l.newLine() >= m.line() && l.newLine() < m.line() + m.lines()) {
                        return lineId(i, l.newLine());
                    }
                }
            }
            return "code-f" + i;
        }
        return "code";
    }

    private void file(int index, CodeEvidence.File f) {
        List<Finding> findings = findings(f.path());
        b.append("<div class=\"code-file\" id=\"code-f")
                .append(index)
                .append("\">\n<h3><span class=\"mono\">")
                .append(esc(f.path()))
                .append("</span> ")
                .append(badge(f.status().id(), "neutral"))
                .append(" <span class=\"muted small nowrap\">+")
                .append(f.linesAdded())
                .append(" / −")
                .append(f.linesRemoved())
                .append("</span></h3>\n");
        if (f.truncated()) {
            b.append("<p class=\"muted small\">Only the first lines of this file's diff are shown.</p>\n");
        }
        if (f.hunks().isEmpty()) {
            b.append("<p class=\"muted small\">")
                    .append(
                            f.truncated()
                                    ? "No lines left to show."
                                    : "No line differs (line endings or a final line break only).")
                    .append("</p>\n");
        }
        Set<Finding> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean java = f.path().endsWith(".java");
        if (!f.hunks().isEmpty()) {
            b.append("<div class=\"table-wrap\"><table class=\"diff\">\n<tbody>\n");
            for (CodeEvidence.Hunk h : f.hunks()) {
                hunk(index, h, java, findings, placed);
            }
            b.append("</tbody>\n</table></div>\n");
        }
        List<Finding> elsewhere =
                findings.stream().filter(x -> !placed.contains(x)).toList();
        if (!elsewhere.isEmpty()) {
            b.append("<ul class=\"plain small findings-elsewhere\">\n");
            for (Finding x : elsewhere) {
                b.append("<li>").append(x.html(true)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("</div>\n");
    }

    private void hunk(int index, CodeEvidence.Hunk h, boolean java, List<Finding> findings, Set<Finding> placed) {
        Line first = h.lines().get(0);
        b.append("<tr class=\"hunk\"><td class=\"ln\"></td><td class=\"ln\"></td><td>@@ ")
                .append(first.oldLine() == null ? "" : "−" + first.oldLine())
                .append(first.oldLine() == null ? "" : " ")
                .append(first.newLine() == null ? "" : "+" + first.newLine())
                .append(" @@</td></tr>\n");
        JavaHighlight.State before = JavaHighlight.State.startingAt(first.text());
        JavaHighlight.State after = JavaHighlight.State.startingAt(first.text());
        for (Line l : h.lines()) {
            String css =
                    switch (l.kind()) {
                        case ADDED -> "d-add";
                        case REMOVED -> "d-del";
                        case CONTEXT -> "d-ctx";
                    };
            String sign =
                    switch (l.kind()) {
                        case ADDED -> "+";
                        case REMOVED -> "−";
                        case CONTEXT -> " ";
                    };
            String text =
                    java ? JavaHighlight.line(l.text(), l.kind() == LineKind.REMOVED ? before : after) : esc(l.text());
            if (java && l.kind() == LineKind.CONTEXT) {
                JavaHighlight.line(l.text(), before);
            }
            b.append("<tr class=\"").append(css).append('"');
            if (l.newLine() != null) {
                b.append(" id=\"").append(lineId(index, l.newLine())).append('"');
            }
            b.append("><td class=\"ln\">")
                    .append(l.oldLine() == null ? "" : l.oldLine())
                    .append("</td><td class=\"ln\">")
                    .append(l.newLine() == null ? "" : l.newLine())
                    .append("</td><td class=\"code\"><span class=\"sign\">")
                    .append(sign)
                    .append("</span>")
                    .append(text)
                    .append("</td></tr>\n");
            if (l.newLine() == null) {
                continue;
            }
            for (Finding x : findings) {
                if (x.line() != null && x.line().equals(l.newLine()) && !placed.contains(x)) {
                    placed.add(x);
                    b.append("<tr class=\"finding\"><td class=\"ln\"></td><td class=\"ln\"></td><td>")
                            .append(x.html(false))
                            .append("</td></tr>\n");
                }
            }
        }
    }

    /** The last element of a '/'-separated path. */
    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String lineId(int file, int line) {
        return "code-f" + file + "-L" + line;
    }

    /** The review flags and policy findings about {@code path}, in the report's order. */
    private List<Finding> findings(String path) {
        List<Finding> found = new ArrayList<>();
        for (Flag f : r.flags()) {
            if (path.equals(f.file())) {
                found.add(new Finding(f.severity().id(), severity(f.severity()), f.kind(), f.message(), f.line()));
            }
        }
        for (PolicyViolation v : r.policyViolations()) {
            // a violation names the main source file relative to src/main/java (com/acme/A.java), or the resource's
            // path
            if (path.equals(v.file()) || path.equals("src/main/java/" + v.file())) {
                found.add(new Finding(
                        "policy",
                        "bad",
                        v.rule(),
                        v.text() + (v.summary() == null ? "" : ": " + v.summary()),
                        v.line()));
            }
        }
        return found;
    }

    private static String severity(Flag.Severity s) {
        return switch (s) {
            case ALERT -> "bad";
            case WARNING -> "warn";
            case INFO -> "info";
        };
    }

    /** A flag or a policy finding, as shown beside the code. */
    private record Finding(String label, String badgeKind, String kind, String message, Integer line) {

        String html(boolean withLine) {
            return badge(label, badgeKind) + " <span class=\"mono\">" + esc(kind) + "</span>"
                    + (withLine && line != null ? " <span class=\"muted\">line " + line + "</span>" : "") + " "
                    + "<span class=\"finding-message\">" + esc(message) + "</span>";
        }
    }
}
