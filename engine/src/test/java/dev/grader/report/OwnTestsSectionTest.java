package dev.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.grader.Fixtures;
import dev.grader.ParsedPage;
import dev.grader.model.Evidence;
import dev.grader.model.GradeReport;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.model.OwnTestsEvidence.CategoryCatch;
import dev.grader.model.OwnTestsEvidence.Coverage;
import dev.grader.model.OwnTestsEvidence.MissedMutant;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The own tests' evidence in every report format, with text the candidate controls (test names) kept as text. */
class OwnTestsSectionTest {

    private static final String HOSTILE = SampleReports.HOSTILE;
    private static final String WRONG = "MyTest.retryAfterIsOneWholePeriod" + HOSTILE;

    private static final OwnTestsEvidence EVIDENCE = new OwnTestsEvidence(
            OwnTestsEvidence.EVALUATED,
            null,
            List.of("src/test/java/com/acme/MyTest.java"),
            8,
            List.of(WRONG),
            List.of(WRONG),
            27,
            10,
            List.of(
                    new CategoryCatch("refill", "Exact refill", 7, 3),
                    new CategoryCatch("concurrency", "Contention", 4, 0)),
            List.of(new MissedMutant(
                    "check-then-act",
                    "checks first, takes later",
                    List.of("Contention"),
                    List.of("Exactly capacity requests are admitted."))),
            new Coverage(76, 107, 28, 40),
            12.5);

    private static GradeReport report() {
        return SampleReports.realistic().withEvidence(Evidence.none().withOwnTests(EVIDENCE));
    }

    @Test
    void jsonRoundTripsAndMatchesTheSchema() throws Exception {
        String json = ReportWriter.render(report(), ReportFormat.JSON);
        assertEquals(EVIDENCE, JsonReport.fromJson(json).evidence().ownTests());
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals(10, node.at("/evidence/own_tests/caught").asInt());
        assertEquals(76, node.at("/evidence/own_tests/coverage/lines_covered").asInt());
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Fixtures.repository().resolve("docs/report-schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
        var errors = schema.validate(node);
        assertTrue(errors.isEmpty(), errors.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.at("/evidence/own_tests")).put("status", "great");
        assertFalse(schema.validate(node).isEmpty(), "an unknown status must not validate");
    }

    @Test
    void consoleAndGradescopeListTheFacts() throws Exception {
        String console = ReportWriter.render(report(), ReportFormat.CONSOLE);
        assertTrue(console.contains("Own tests  (evidence for a person; not scored)"), console);
        assertTrue(console.contains("catches 10 of 27 mutants (37%)"), console);
        assertTrue(console.contains("coverage: lines 76/107 (71%), branches 28/40 (70%)"), console);
        assertTrue(console.contains(OwnTestsSection.FAILS_ON_REFERENCE + ": " + WRONG), console);
        assertTrue(
                console.contains("missed check-then-act (Contention): checks first, takes later; the brief: Exactly"),
                console);
        JsonNode gradescope = new ObjectMapper().readTree(ReportWriter.render(report(), ReportFormat.GRADESCOPE));
        assertTrue(
                gradescope
                        .get("output")
                        .asText()
                        .contains("own tests: mutants caught by category: refill 3/7, " + "concurrency 0/4"),
                gradescope.get("output").asText());
    }

    @Test
    void junitXmlHasThemAsProperties() throws Exception {
        String xml = ReportWriter.render(report(), ReportFormat.JUNIT_XML);
        var f = DocumentBuilderFactory.newInstance();
        NodeList props = f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("property");
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < props.getLength(); i++) {
            Element e = (Element) props.item(i);
            p.putIfAbsent(e.getAttribute("name"), e.getAttribute("value"));
        }
        assertEquals("10 / 27", p.get("own_tests.mutants_caught"));
        assertEquals("76 / 107", p.get("own_tests.line_coverage"));
        assertEquals("28 / 40", p.get("own_tests.branch_coverage"));
        assertEquals(WRONG, p.get("own_tests.fails_on_reference.1"));
    }

    @Test
    void markdownAndHtmlShowTheSectionWithTheCandidatesTextAsText() {
        String md = ReportWriter.render(report(), ReportFormat.MARKDOWN);
        assertTrue(md.contains("### The candidate's own tests (evidence for a person; not scored)"), md);
        assertTrue(md.contains("| Contention | 0 / 4 |"), md);
        ParsedPage page = ParsedPage.parse(ReportWriter.render(report(), ReportFormat.HTML));
        page.assertSelfContained("the report with own tests");
        assertFalse(
                page.has("[src*=evil.example], [onerror], [data-pwned]"), "an element the test name tried to inject");
        assertTrue(page.text("#own-tests .own-summary").contains("catches 10 of 27 mutants (37%)"));
        assertEquals(
                List.of(
                        "Fails on their own code: " + WRONG,
                        "Fails on the reference solution (asserts something the brief does not ask): " + WRONG),
                page.texts("#own-tests .own-failing li"));
        assertEquals(
                List.of("Exact refill 3 / 7", "Contention 0 / 4"),
                page.texts("#own-tests table.own-categories tbody tr"));
        assertTrue(page.text("#own-tests .own-missed li").startsWith("check-then-act (Contention): checks first"));
    }

    @Test
    void theCandidateAudienceNeverSeesIt() {
        GradeReport candidate = Audience.CANDIDATE.view(report());
        assertNull(candidate.evidence());
        for (ReportFormat f : ReportFormat.values()) {
            String text = ReportWriter.render(candidate, f);
            assertFalse(
                    text.contains("own_tests") || text.contains("Own tests") || text.contains("own tests:"),
                    f + ": " + text);
        }
    }

    @Test
    void saysPlainlyWhenThereAreNoTestsOrTheyWereNotEvaluated() {
        assertEquals(
                "none: the submission has no tests of its own", OwnTestsSection.summary(OwnTestsEvidence.noTests()));
        OwnTestsEvidence notRun = OwnTestsEvidence.notEvaluated(List.of("a"), "the tests do not compile", 1);
        assertEquals(List.of("not evaluated: the tests do not compile"), OwnTestsSection.lines(notRun));
    }
}
