package dev.grader.report;

import dev.grader.model.CategoryScore;
import dev.grader.model.ChangeSummary;
import dev.grader.model.Diagnostic;
import dev.grader.model.FailedRule;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.PolicyViolation;
import dev.grader.model.ScoredBy;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML in the strict Apache Ant form (the schema the CI reporters accept: every
 * {@code testsuite} has properties, system-out and system-err; a test case holds at most one failure or
 * error). One {@code testsuite} per rubric category; a build that failed is one failed test case, so a CI
 * reporter shows it red. Failed tests are {@code failure}s; tests that timed out, crashed, did not run or
 * were skipped are {@code error}s with the status as type: none of them passed.
 */
public final class JunitXmlReport {

    private static final int MAX_TEXT = 64 * 1024;

    private JunitXmlReport() {}

    public static String render(GradeReport r) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            List<Suite> suites = suites(r);
            for (int i = 0; i < suites.size(); i++) {
                writeSuite(x, r, suites.get(i), i);
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return out + "\n";
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JUnit XML report could not be written", e);
        }
    }

    private record Case(
            String className, String name, double time, String kind, String type, String message, String text) {}

    private record Suite(String name, List<Case> cases, String out) {}

    private static List<Suite> suites(GradeReport r) {
        String exercise = r.exercise().id();
        List<Suite> suites = new ArrayList<>();
        if (r.status() == GradeStatus.DOES_NOT_COMPILE) {
            StringBuilder text = new StringBuilder();
            if (r.compilation() != null) {
                for (Diagnostic d : r.compilation().diagnostics()) {
                    text.append(d).append('\n');
                }
            }
            suites.add(new Suite(
                    exercise + " / build",
                    List.of(new Case(
                            exercise,
                            "compile",
                            r.timing().compile(),
                            "failure",
                            "does_not_compile",
                            r.statusMessage(),
                            text.toString())),
                    ""));
        } else if (r.status() == GradeStatus.POLICY_VIOLATION) {
            List<Case> cases = new ArrayList<>();
            for (PolicyViolation v : r.policyViolations()) {
                cases.add(new Case(
                        exercise + ".policy." + v.rule(),
                        v.text(),
                        0,
                        "failure",
                        "policy_violation",
                        v.text() + " [" + v.rule() + "]",
                        v.summary()));
            }
            suites.add(new Suite(exercise + " / code policy", cases, ""));
        } else if (r.status() == GradeStatus.REJECTED) {
            suites.add(new Suite(
                    exercise + " / submission",
                    List.of(new Case(
                            exercise,
                            "read submission",
                            0,
                            "failure",
                            "rejected",
                            r.statusMessage(),
                            r.statusMessage())),
                    ""));
        } else if (r.status() == GradeStatus.INFRASTRUCTURE_ERROR) {
            suites.add(new Suite(
                    exercise + " / grader",
                    List.of(new Case(
                            exercise,
                            "grade",
                            r.timing().total(),
                            "error",
                            "infrastructure_error",
                            r.statusMessage(),
                            r.statusMessage())),
                    ""));
        }
        for (CategoryScore c : r.categories()) {
            List<Case> cases = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            List<TestScore> tests =
                    r.tests().stream().filter(t -> t.category().equals(c.id())).toList();
            if (!tests.isEmpty()) {
                rules(out, "Rules of the brief that were broken:", c.failedRules());
                rules(out, "Not evaluated, because these rules failed first:", c.notEvaluatedBecause());
            }
            if (tests.isEmpty() && r.status() == GradeStatus.GRADED) {
                // The candidate's view names no hidden tests, and the own tests' category has none: one case per
                // category stands for them.
                boolean passed = c.complete();
                String lost = "lost " + Text.points(c.maxScore() - c.score()) + " of " + Text.points(c.maxScore())
                        + " points" + (c.hint() != null ? ": " + c.hint() : "") + Text.brokenRules(c)
                        + (c.scoredBy() == ScoredBy.OWN_TESTS
                                ? " (" + c.passed() + " of " + c.tests() + " " + Text.checks(c) + ")"
                                : "");
                cases.add(new Case(
                        exercise + "." + c.id(),
                        c.title(),
                        0,
                        passed ? null : "failure",
                        "lost_points",
                        passed ? null : lost,
                        passed ? null : lost));
            }
            for (TestScore t : tests) {
                String method = t.name().substring(t.name().lastIndexOf('.') + 1);
                String kind =
                        t.status() == TestStatus.PASSED ? null : t.status() == TestStatus.FAILED ? "failure" : "error";
                String text = t.trace() != null ? t.trace() : t.message();
                cases.add(new Case(
                        t.className() != null ? t.className() : exercise,
                        method,
                        t.duration(),
                        kind,
                        t.status().json(),
                        t.message(),
                        text));
                if (t.output() != null && !t.output().isEmpty()) {
                    out.append("--- ")
                            .append(t.name())
                            .append(" ---\n")
                            .append(t.output())
                            .append('\n');
                }
            }
            suites.add(new Suite(exercise + " / " + c.title(), cases, out.toString()));
        }
        return suites;
    }

    private static void writeSuite(XMLStreamWriter x, GradeReport r, Suite s, int id) throws XMLStreamException {
        int failures =
                (int) s.cases().stream().filter(c -> "failure".equals(c.kind())).count();
        int errors =
                (int) s.cases().stream().filter(c -> "error".equals(c.kind())).count();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", s.name());
        x.writeAttribute("timestamp", timestamp(r.startedAt()));
        x.writeAttribute("hostname", hostname());
        x.writeAttribute("tests", Integer.toString(s.cases().size()));
        x.writeAttribute("failures", Integer.toString(failures));
        x.writeAttribute("errors", Integer.toString(errors));
        x.writeAttribute(
                "time", decimal(s.cases().stream().mapToDouble(Case::time).sum()));
        x.writeAttribute("package", r.exercise().id());
        x.writeAttribute("id", Integer.toString(id));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "exercise", r.exercise().id() + " v" + r.exercise().version());
        property(x, "status", r.status().json());
        property(x, "score", Text.points(r.score()) + " / " + Text.points(r.maxScore()));
        property(x, "seed", Long.toString(r.seed()));
        if (r.submission() != null) {
            property(x, "submission", r.submission());
        }
        if (r.environment() != null) {
            property(x, "java", r.environment().java());
            if (r.environment().database() != null) {
                property(x, "database", r.environment().database());
            }
        }
        for (int i = 0; i < r.flags().size(); i++) {
            Flag f = r.flags().get(i);
            property(x, "flag." + (i + 1), f.severity() + " " + f.kind() + " " + f.location() + ": " + f.message());
        }
        if (r.changes() != null) {
            ChangeSummary c = r.changes();
            property(
                    x,
                    "changes",
                    c.added().size() + " added, " + c.changed().size() + " changed, "
                            + c.removed().size() + " removed files; +" + c.linesAdded() + " -" + c.linesRemoved()
                            + " lines");
        }
        for (Map<String, String> evidence : List.of(
                HistorySection.properties(r),
                CodeSummary.properties(r),
                SimilaritySection.properties(r),
                OwnTestsSection.properties(r))) {
            for (Map.Entry<String, String> p : evidence.entrySet()) {
                property(x, p.getKey(), p.getValue());
            }
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (Case c : s.cases()) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", Text.xmlChars(c.name()));
            x.writeAttribute("classname", Text.xmlChars(c.className()));
            x.writeAttribute("time", decimal(c.time()));
            if (c.kind() != null) {
                x.writeStartElement(c.kind());
                if (c.message() != null) {
                    x.writeAttribute("message", Text.xmlChars(c.message()));
                }
                x.writeAttribute("type", c.type());
                x.writeCharacters(Text.xmlChars(Text.cap(c.text() == null ? "" : c.text(), MAX_TEXT)));
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n    ");
        x.writeStartElement("system-out");
        x.writeCharacters(Text.xmlChars(Text.cap(s.out(), MAX_TEXT)));
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-err");
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", Text.xmlChars(value == null ? "" : value));
    }

    private static String decimal(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, seconds));
    }

    /** {@code 2026-11-22T09:00:00}: the Ant form, without a zone (the report's time is UTC). */
    private static String timestamp(String startedAt) {
        if (startedAt == null || startedAt.length() < 19) {
            return "1970-01-01T00:00:00";
        }
        return startedAt.substring(0, 19);
    }

    private static String hostname() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h == null || h.isBlank() ? "localhost" : h;
        } catch (Exception e) {
            return "localhost";
        }
    }

    /** A heading and one line per rule, when there are rules. */
    private static void rules(StringBuilder out, String heading, List<FailedRule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        out.append(heading).append('\n');
        rules.forEach(rule -> out.append("- ")
                .append(rule.brief())
                .append(" (")
                .append(rule.id())
                .append(")\n"));
    }
}
