package dev.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grader.model.CategoryScore;
import dev.grader.model.ChangeSummary;
import dev.grader.model.Diagnostic;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import dev.grader.model.PolicyViolation;
import dev.grader.model.ScoredBy;
import dev.grader.model.TestScore;
import java.io.IOException;

/**
 * The report as Gradescope's autograder {@code results.json} (top-level {@code score}, {@code max_score},
 * {@code execution_time}, {@code output}, {@code tests[]} with {@code name}, {@code score}, {@code max_score},
 * {@code status}, {@code output}, {@code tags}, {@code visibility}).
 *
 * <p>The company report lists each hidden test with visibility {@code hidden} (staff see it, students do
 * not) and one visible entry per rubric category, so the points appear twice in {@code tests[]}: the top-level
 * {@code score}, which Gradescope uses when present, is the grade. The candidate report lists the categories only.
 */
public final class GradescopeReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_OUTPUT = 8 * 1024;

    private GradescopeReport() {}

    public static String render(GradeReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("score", r.score());
        root.put("max_score", r.maxScore());
        root.put("execution_time", Math.round(r.timing().total()));
        root.put("output", summary(r));
        root.put("output_format", "text");
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        for (CategoryScore c : r.categories()) {
            ObjectNode t = tests.addObject();
            t.put("name", c.title());
            t.put("score", c.score());
            t.put("max_score", c.maxScore());
            t.put("status", c.complete() ? "passed" : "failed");
            t.put(
                    "output",
                    c.passed() + " of " + c.tests()
                            + (c.scoredBy() == ScoredBy.OWN_TESTS ? " " + Text.checks(c) : " checks passed")
                            + (c.hint() != null ? ". " + c.hint() : "") + Text.brokenRules(c));
            t.putArray("tags").add(c.id());
            t.put("visibility", "visible");
        }
        for (TestScore s : r.tests()) {
            ObjectNode t = tests.addObject();
            t.put("name", s.name());
            t.put("score", s.score());
            t.put("max_score", s.maxScore());
            t.put("status", s.passed() ? "passed" : "failed");
            t.put(
                    "output",
                    Text.cap(
                            s.status().json()
                                    + (s.message() != null ? ": " + s.message() : "")
                                    + (s.output() != null && !s.output().isEmpty()
                                            ? "\n--- output ---\n" + s.output()
                                            : ""),
                            MAX_OUTPUT));
            t.putArray("tags").add(s.category());
            t.put("visibility", "hidden");
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("the Gradescope report could not be written", e);
        }
    }

    private static String summary(GradeReport r) {
        StringBuilder b = new StringBuilder(r.exercise().title())
                .append(": ")
                .append(Text.points(r.score()))
                .append(" / ")
                .append(Text.points(r.maxScore()))
                .append(" (")
                .append(Text.status(r))
                .append(")");
        if (r.statusMessage() != null) {
            b.append("\n").append(r.statusMessage());
        }
        if (r.compilation() != null) {
            for (Diagnostic d : r.compilation().diagnostics().stream().limit(20).toList()) {
                b.append("\n").append(d);
            }
        }
        for (PolicyViolation v : r.policyViolations()) {
            b.append("\npolicy ").append(v.rule()).append(": ").append(v.text());
        }
        for (Flag f : r.flags()) {
            b.append("\nflag ")
                    .append(f.severity())
                    .append(' ')
                    .append(f.kind())
                    .append(f.location().isEmpty() ? "" : " " + f.location())
                    .append(": ")
                    .append(f.message());
        }
        if (r.changes() != null) {
            ChangeSummary c = r.changes();
            b.append("\nchanges against the starter: ")
                    .append(c.added().size())
                    .append(" added, ")
                    .append(c.changed().size())
                    .append(" changed, ")
                    .append(c.removed().size())
                    .append(" removed files; +")
                    .append(c.linesAdded())
                    .append(" -")
                    .append(c.linesRemoved())
                    .append(" lines");
        }
        b.append(HistorySection.text(r));
        b.append(CodeSummary.text(r));
        b.append(SimilaritySection.text(r));
        OwnTestsSection.text(r).forEach(line -> b.append('\n').append(line));
        b.append("\nseed ").append(r.seed());
        return Text.cap(b.toString(), MAX_OUTPUT);
    }
}
