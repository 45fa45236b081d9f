package dev.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.model.CategoryScore;
import dev.grader.model.ChangeSummary;
import dev.grader.model.CodeEvidence;
import dev.grader.model.Evidence;
import dev.grader.model.FailedRule;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.PolicyViolation;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/**
 * Real reports (grades of the fixture exercise: full marks, failures, a crash, a compile error, a rejected
 * submission, an infrastructure error, and each one's candidate view) in every format, checked against the
 * shipped JSON Schema, the Apache Ant JUnit XML schema and Gradescope's results.json fields.
 */
@TestTiers.Grades
class ReportFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, GradeReport> reports;
    private static Exercise adder;

    @BeforeAll
    static void gradeFixtures(@TempDir Path dir) throws IOException {
        adder = Fixtures.fixtureCatalog().get("adder");
        reports = new LinkedHashMap<>();
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            GradeOptions options = new GradeOptions(11, false);
            reports.put("solution", grader.grade(adder, Variants.solution(adder, dir.resolve("solution")), options));
            reports.put("starter", grader.grade(adder, adder.starter(), options));
            reports.put("exits", grader.grade(adder, Fixtures.submission("adder", "exits"), options));
            reports.put("syntax-error", grader.grade(adder, Fixtures.submission("adder", "syntax-error"), options));
            reports.put("policy-violation", grader.grade(adder, Fixtures.submission("adder", "reflects"), options));
        }
        reports.put(
                "rejected",
                Grader.rejected(adder, dir.resolve("bomb.zip"), 11, "bomb.zip: unpacks to more than 256 MiB"));
        reports.put("infrastructure", Grader.infrastructure(adder, dir, 11, "no database: Docker not found"));
        reports.put("hostile-text", hostile(reports.get("starter")));
        for (String name : new ArrayList<>(reports.keySet())) {
            reports.put(name + " (candidate)", Audience.CANDIDATE.view(reports.get(name)));
        }
        assertEquals(GradeStatus.GRADED, reports.get("solution").status());
        assertEquals(100.0, reports.get("solution").score());
        assertEquals(GradeStatus.DOES_NOT_COMPILE, reports.get("syntax-error").status());
        assertEquals(
                GradeStatus.POLICY_VIOLATION, reports.get("policy-violation").status());
        assertTrue(reports.get("starter").tests().stream().anyMatch(t -> t.status() == TestStatus.FAILED));
    }

    @AfterAll
    static void forget() {
        reports = null;
    }

    /** The starter's report with messages and output that try to break out of every format. */
    private static GradeReport hostile(GradeReport r) {
        String evil = "</failure>]]><script>alert(1)</script> | `x` **bold** \u0001\u0007 <!-- \"quoted\" & done";
        List<TestScore> tests = r.tests().stream()
                .map(t -> new TestScore(
                        t.name(),
                        t.className(),
                        t.displayName(),
                        t.category(),
                        t.status(),
                        t.score(),
                        t.maxScore(),
                        evil,
                        t.duration(),
                        evil,
                        evil))
                .toList();
        return new GradeReport(
                r.format(),
                r.version(),
                r.graderVersion(),
                r.exercise(),
                r.submission(),
                r.status(),
                evil,
                r.seed(),
                r.score(),
                r.maxScore(),
                r.percent(),
                r.categories(),
                tests,
                r.compilation(),
                List.of(new PolicyViolation("jvm-exit", evil, evil, "com/acme/Evil.java", 3, evil)),
                r.run(),
                List.of(evil),
                List.of(new Flag("system-exit", Flag.ALERT, "src/main/java/A.java", 3, evil)),
                new ChangeSummary(List.of("a"), List.of("b"), List.of(), 3, 1),
                r.environment(),
                r.timing(),
                r.startedAt(),
                Evidence.none().withCode(SampleCode.everywhere(evil)));
    }

    @Test
    void everyJsonReportMatchesTheShippedSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Fixtures.repository().resolve("docs/report-schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
        for (Map.Entry<String, GradeReport> e : reports.entrySet()) {
            JsonNode node = JSON.readTree(ReportWriter.render(e.getValue(), ReportFormat.JSON));
            Set<ValidationMessage> errors = schema.validate(node);
            assertTrue(errors.isEmpty(), e.getKey() + ": " + errors);
        }
        // The schema is not a rubber stamp: a passed test with points missing, or an unknown status, is refused.
        JsonNode broken = JSON.readTree(ReportWriter.render(reports.get("starter"), ReportFormat.JSON));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("status", "passed_probably");
        assertFalse(schema.validate(broken).isEmpty());
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("status", "graded");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("tests").get(0)).put("score", 5.0);
        assertFalse(schema.validate(broken).isEmpty(), "a failed test with points must not validate");
    }

    @Test
    void everyJunitXmlReportMatchesTheAntJunitSchema() throws Exception {
        javax.xml.validation.Schema xsd;
        try (InputStream in = ReportFormatsTest.class.getResourceAsStream("/xsd/junit.xsd")) {
            assertNotNull(
                    in, "the Ant JUnit schema (com.github.baev:junit-model, xsd/junit.xsd) is on the test classpath");
            xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(in));
        }
        for (Map.Entry<String, GradeReport> e : reports.entrySet()) {
            String xml = ReportWriter.render(e.getValue(), ReportFormat.JUNIT_XML);
            // That copy of the schema puts the elements in a namespace of its own; the XML is the same otherwise.
            String namespaced = xml.replaceFirst("<testsuites>", "<testsuites xmlns=\"urn:junit.baev.github.com\">");
            try {
                xsd.newValidator().validate(new StreamSource(new StringReader(namespaced)));
            } catch (SAXException ex) {
                throw new AssertionError(e.getKey() + ": " + ex.getMessage() + "\n" + xml, ex);
            }
        }
    }

    @Test
    void junitXmlCountsOnlyPassedTestsAsPassed() throws Exception {
        GradeReport r = reports.get("exits");
        String xml = ReportWriter.render(r, ReportFormat.JUNIT_XML);
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new StringReader(xml)));
        var cases = doc.getElementsByTagName("testcase");
        int clean = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            if (((org.w3c.dom.Element) cases.item(i)).getElementsByTagName("*").getLength() == 0) {
                clean++;
            }
        }
        long passed = r.tests().stream().filter(TestScore::passed).count();
        assertEquals(r.tests().size(), cases.getLength());
        assertEquals(passed, clean, "a test case without failure/error must be a passed test:\n" + xml);
        assertTrue(passed < r.tests().size(), "the fixture that exits must lose tests");
    }

    @Test
    void gradescopeResultsCarryTheAutograderFields() throws IOException {
        for (Map.Entry<String, GradeReport> e : reports.entrySet()) {
            JsonNode n = JSON.readTree(ReportWriter.render(e.getValue(), ReportFormat.GRADESCOPE));
            String at = e.getKey();
            assertEquals(e.getValue().score(), n.get("score").asDouble(), at);
            assertEquals(e.getValue().maxScore(), n.get("max_score").asDouble(), at);
            assertTrue(n.get("execution_time").isNumber(), at);
            assertTrue(
                    n.get("tests").isArray()
                            && n.get("tests").size()
                                    >= e.getValue().categories().size(),
                    at);
            for (JsonNode t : n.get("tests")) {
                for (String field : List.of("name", "score", "max_score", "status", "output", "tags", "visibility")) {
                    assertTrue(t.has(field), at + ": test lacks " + field + ": " + t);
                }
                assertTrue(Set.of("passed", "failed").contains(t.get("status").asText()), at);
                assertTrue(t.get("score").asDouble() <= t.get("max_score").asDouble() + 1e-9, at + ": " + t);
            }
        }
    }

    @Test
    void candidateReportsNameNoHiddenTestInAnyFormat() {
        GradeReport full = reports.get("starter");
        List<String> secrets = new ArrayList<>();
        for (TestScore t : full.tests()) {
            secrets.add(t.name());
            secrets.add(t.className());
        }
        assertFalse(secrets.isEmpty());
        GradeReport candidate = reports.get("starter (candidate)");
        for (ReportFormat f : EnumSet.allOf(ReportFormat.class)) {
            String text = ReportWriter.render(candidate, f);
            for (String s : secrets) {
                assertFalse(text.contains(s), f + " of the candidate report names " + s);
            }
            assertTrue(
                    text.contains("Sums beyond the int range")
                            || f == ReportFormat.CONSOLE
                            || f == ReportFormat.JSON
                            || f == ReportFormat.HTML,
                    f + " shows the categories' hints");
        }
        assertTrue(ReportWriter.render(candidate, ReportFormat.JSON).contains("Sums beyond the int range"));
        // while the company's report does name them
        assertTrue(ReportWriter.render(full, ReportFormat.MARKDOWN)
                .contains(full.tests().get(0).name()));
    }

    @Test
    void everyFormatOfTheCandidateReportShowsTheBriefsWordsOfEachBrokenRule() {
        String rule = "A sum beyond the int range is reported, never wrapped around.";
        GradeReport candidate = reports.get("starter (candidate)");
        CategoryScore overflow = candidate.categories().stream()
                .filter(c -> c.id().equals("overflow"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(new FailedRule("no-wrap-around", rule)), overflow.failedRules());
        for (ReportFormat f : EnumSet.allOf(ReportFormat.class)) {
            assertTrue(
                    ReportWriter.render(candidate, f).contains(rule),
                    f + " of the candidate report shows the broken rule");
        }
        assertTrue(
                ReportWriter.render(reports.get("starter"), ReportFormat.JUNIT_XML)
                        .contains(rule),
                "the company's JUnit XML shows the broken rule too");
        assertTrue(
                reports.get("solution").categories().stream()
                        .allMatch(c -> c.failedRules().isEmpty()),
                "the solution breaks no rule");
        assertFalse(ReportWriter.render(reports.get("solution (candidate)"), ReportFormat.MARKDOWN)
                .contains(rule));
    }

    @Test
    void everyFormatShowsTheRulesThatKeptACategorysTestsFromBeingEvaluated() {
        String blocker = "Orders are listed newest first, ties broken by id.";
        for (String name : List.of("starter", "starter (candidate)")) {
            GradeReport r = reports.get(name);
            List<CategoryScore> categories = new ArrayList<>();
            for (CategoryScore c : r.categories()) {
                categories.add(
                        c.id().equals("overflow")
                                ? new CategoryScore(
                                        c.id(),
                                        c.title(),
                                        c.score(),
                                        c.maxScore(),
                                        c.tests(),
                                        c.passed(),
                                        c.hint(),
                                        c.failedRules(),
                                        List.of(new FailedRule("newest-first", blocker)),
                                        c.scoredBy())
                                : c);
            }
            GradeReport with = r.withCategories(categories, r.score(), r.percent());
            for (ReportFormat f : EnumSet.allOf(ReportFormat.class)) {
                String text = ReportWriter.render(with, f);
                assertTrue(text.contains(blocker), f + " of the " + name + " report names the rule that failed first");
                assertTrue(
                        f == ReportFormat.JSON || text.contains("Not evaluated") || text.contains("not evaluated"),
                        f + " of the " + name + " report says the tests were not evaluated");
            }
            assertTrue(ReportWriter.render(with, ReportFormat.JSON).contains("\"not_evaluated_because\""));
        }
    }

    @Test
    void markdownKeepsHostileTextInert() {
        String md = ReportWriter.render(reports.get("hostile-text"), ReportFormat.MARKDOWN);
        String outsideFences = md.replaceAll("(?s)```text\\n.*?\\n\\s*```", "");
        assertFalse(outsideFences.contains("<script>"), md);
        assertFalse(md.contains("\u0007"), "control characters are dropped");
        for (String line : md.split("\n")) {
            if (line.startsWith("| ")) {
                long pipes = line.chars().filter(c -> c == '|').count() - line.split("\\\\\\|", -1).length + 1;
                assertTrue(pipes <= 4, "a table row gained columns: " + line);
            }
        }
        assertTrue(md.contains("```text"), "messages are fenced");
    }

    @Test
    void reviewFlagsAppearInEveryFormat() {
        GradeReport r = reports.get("hostile-text");
        for (ReportFormat f : ReportFormat.values()) {
            String text = ReportWriter.render(r, f);
            assertTrue(text.contains("src/main/java/A.java"), f + " lists the flag's file:\n" + text);
        }
    }

    @Test
    void policyViolationsAppearInEveryFormatAlsoForTheCandidate() {
        for (String name : List.of("policy-violation", "policy-violation (candidate)")) {
            GradeReport r = reports.get(name);
            assertEquals(3, r.policyViolations().size(), name + ": " + r.policyViolations());
            for (ReportFormat f : ReportFormat.values()) {
                String text = ReportWriter.render(r, f);
                assertTrue(
                        text.contains("com/acme/adder/Adder.java:11"),
                        name + " " + f + " lists the violation's file:line:\n" + text);
                assertTrue(text.contains("setAccessible"), name + " " + f + " names the API:\n" + text);
                assertTrue(text.contains("access-override"), name + " " + f + " names the rule:\n" + text);
            }
        }
    }

    @Test
    void theSolutionsChangedMethodsAreInEveryFormatLargestFirstButNeverForTheCandidate() throws IOException {
        GradeReport r = reports.get("solution");
        CodeEvidence code = r.evidence().code();
        assertEquals(
                List.of("src/main/java/com/acme/adder/Adder.java"),
                code.files().stream().map(CodeEvidence.File::path).toList());
        assertEquals(
                List.of(
                        new CodeEvidence.Method(
                                "src/main/java/com/acme/adder/Adder.java",
                                "Adder.sum(int[])",
                                10,
                                7,
                                CodeEvidence.Change.CHANGED),
                        new CodeEvidence.Method(
                                "src/main/java/com/acme/adder/Adder.java",
                                "Adder.add(int, int)",
                                6,
                                3,
                                CodeEvidence.Change.CHANGED)),
                code.methods());
        assertEquals(r.evidence(), JsonReport.fromJson(JsonReport.toJson(r)).evidence(), "JSON round trip");
        for (ReportFormat f : ReportFormat.values()) {
            String text = ReportWriter.render(r, f);
            // Markdown escapes the brackets, which it shows as brackets
            String largest = f == ReportFormat.MARKDOWN ? "Adder.sum(int\\[\\])" : "Adder.sum(int[])";
            assertTrue(text.contains(largest), f + " names the largest changed method:\n" + text);
            assertTrue(
                    text.contains(f == ReportFormat.JSON ? "\"line\" : 10" : "Adder.java:10"),
                    f + " says where it starts:\n" + text);
            String candidate = ReportWriter.render(reports.get("solution (candidate)"), f);
            assertFalse(candidate.contains("Adder.sum(int[])"), f + " of the candidate report shows code evidence");
        }
        assertTrue(ReportWriter.render(r, ReportFormat.CONSOLE)
                .contains("Adder.sum(int[])  7 lines, changed  src/main/java/com/acme/adder/Adder.java:10"));
    }

    @Test
    void policyFindingsAreShownUnderTheirLineInTheHtmlDiff() {
        org.jsoup.nodes.Document page =
                org.jsoup.Jsoup.parse(ReportWriter.render(reports.get("policy-violation"), ReportFormat.HTML));
        org.jsoup.nodes.Element line = page.getElementById("code-f0-L11");
        assertNotNull(
                line,
                "line 11 of Adder.java is in the diff:\n" + page.select("#code").text());
        List<String> findings = new ArrayList<>();
        for (var e = line.nextElementSibling(); e != null && e.hasClass("finding"); e = e.nextElementSibling()) {
            findings.add(e.text());
        }
        assertTrue(
                findings.stream()
                        .anyMatch(t -> t.startsWith("policy access-override uses java.lang.reflect")
                                && t.contains("setAccessible")),
                "the policy finding is under line 11: " + findings);
        assertTrue(
                findings.stream().anyMatch(t -> t.startsWith("alert private-reflection")),
                "and the review flag: " + findings);
    }

    @Test
    void writesEachFormatToItsFile(@TempDir Path out) throws IOException {
        List<Path> files =
                ReportWriter.write(reports.get("starter"), EnumSet.allOf(ReportFormat.class), Audience.COMPANY, out);
        assertEquals(ReportFormat.values().length, files.size());
        for (ReportFormat f : ReportFormat.values()) {
            Path p = out.resolve(f.fileName());
            assertTrue(Files.size(p) > 100, p + " is written");
        }
        assertEquals(
                reports.get("starter").score(),
                JsonReport.read(out.resolve("report.json")).score());
    }
}
