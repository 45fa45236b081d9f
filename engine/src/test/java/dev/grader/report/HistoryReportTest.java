package dev.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.grader.Fixtures;
import dev.grader.model.Evidence;
import dev.grader.model.GradeReport;
import dev.grader.model.HistoryEvidence;
import dev.grader.model.HistoryEvidence.CommitShare;
import dev.grader.model.HistoryEvidence.DatedCommit;
import dev.grader.model.HistoryEvidence.Gap;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/** The git history evidence in every report format, and in none of the candidate's. */
class HistoryReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A commit subject the candidate wrote, hostile to every format. */
    private static final String SUBJECT = SampleReports.HOSTILE;

    private static final HistoryEvidence HISTORY = new HistoryEvidence(
            true,
            null,
            "e5e5e5e",
            5,
            "2026-12-01T10:00:00Z",
            "2026-12-01T18:20:00Z",
            30_000L,
            new Gap(14_400, "c3c3c3c", "e5e5e5e"),
            14_400L,
            2.08,
            50,
            new CommitShare("c3c3c3c", SUBJECT, 30, 60.0),
            List.of(new DatedCommit(
                    "d4d4d4d", "dated before its parent", "2026-12-01T12:00:00Z", "c3c3c3c", "2026-12-01T15:00:00Z")),
            List.of(new DatedCommit("e5e5e5e", "from the future", "2099-01-01T00:00:00Z", null, null)));

    private static GradeReport withHistory(HistoryEvidence h) {
        return SampleReports.realistic().withEvidence(Evidence.none().withHistory(h));
    }

    private static String console(GradeReport r) {
        StringWriter out = new StringWriter();
        new ConsoleReport(new Ansi(false)).print(r, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void theConsoleListsEveryFact() {
        String out = console(withHistory(HISTORY));
        List<String> lines = out.lines()
                .dropWhile(l -> !l.startsWith(HistorySection.TITLE))
                .limit(9)
                .toList();
        assertLinesMatch(
                List.of(
                        "How it was built \\(git history\\)  \\(evidence for a person; it does not change the score\\)",
                        "  Commits +5 \\(graded: e5e5e5e\\)",
                        "  First commit +2026-12-01 10:00:00 UTC",
                        "  Last commit +2026-12-01 18:20:00 UTC",
                        "  Span +8h 20m; 2.08 × the time budget of 4h",
                        "  Longest gap +4h, between c3c3c3c and e5e5e5e",
                        "  Largest single commit +30 of the final code's 50 own lines \\(60%\\) arrived in c3c3c3c \".*\"",
                        "  Dated before a parent +d4d4d4d \"dated before its parent\" at 2026-12-01 12:00:00 UTC, its parent c3c3c3c"
                                + " at 2026-12-01 15:00:00 UTC",
                        "  Dated after the grade began +e5e5e5e \"from the future\" at 2099-01-01 00:00:00 UTC"),
                lines,
                out);
    }

    @Test
    void jsonRoundTripsAndMatchesTheSchema() throws Exception {
        GradeReport report = withHistory(HISTORY);
        String json = ReportWriter.render(report, ReportFormat.JSON);
        assertEquals(report.evidence(), JsonReport.fromJson(json).evidence());
        JsonNode history = JSON.readTree(json).get("evidence").get("history");
        assertEquals(5, history.get("commits").asInt());
        assertEquals(30_000, history.get("span_seconds").asLong());
        assertEquals(14_400, history.get("longest_gap").get("seconds").asLong());
        assertEquals(60.0, history.get("largest_commit").get("percent").asDouble());
        assertEquals("c3c3c3c", history.get("out_of_order").get(0).get("parent").asText());
        assertEquals(
                "2099-01-01T00:00:00Z",
                history.get("in_future").get(0).get("committed_at").asText());

        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Fixtures.repository().resolve("docs/report-schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
        for (HistoryEvidence h : List.of(HISTORY, HistoryEvidence.unavailable("a folder without git history"))) {
            JsonNode node = JSON.readTree(ReportWriter.render(withHistory(h), ReportFormat.JSON));
            assertEquals(Set.of(), schema.validate(node), h.toString());
        }
        // The schema is no rubber stamp: an unknown field or a count as text is refused.
        JsonNode broken = JSON.readTree(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("evidence").get("history")).put("commits", "five");
        assertFalse(schema.validate(broken).isEmpty());
        broken = JSON.readTree(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("evidence").get("history")).put("verdict", "x");
        assertFalse(schema.validate(broken).isEmpty());
    }

    @Test
    void junitXmlCarriesTheFactsAsPropertiesAndMatchesTheAntSchema() throws Exception {
        String xml = ReportWriter.render(withHistory(HISTORY), ReportFormat.JUNIT_XML);
        var xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(HistoryReportTest.class.getResourceAsStream("/xsd/junit.xsd")));
        xsd.newValidator()
                .validate(new StreamSource(new StringReader(
                        xml.replaceFirst("<testsuites>", "<testsuites xmlns=\"urn:junit.baev.github.com\">"))));
        NodeList nodes = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("property");
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            org.w3c.dom.Element p = (org.w3c.dom.Element) nodes.item(i);
            props.putIfAbsent(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertEquals("true", props.get("evidence.history.available"));
        assertEquals("5", props.get("evidence.history.commits"));
        assertEquals("2026-12-01T10:00:00Z", props.get("evidence.history.first_commit_at"));
        assertEquals("30000", props.get("evidence.history.span_seconds"));
        assertEquals("14400 s between c3c3c3c and e5e5e5e", props.get("evidence.history.longest_gap"));
        assertEquals("14400", props.get("evidence.history.time_budget_seconds"));
        assertEquals("2.08", props.get("evidence.history.span_of_budget"));
        assertEquals("50", props.get("evidence.history.own_lines"));
        assertEquals("c3c3c3c 30 lines (60%)", props.get("evidence.history.largest_commit"));
        assertTrue(props.get("evidence.history.out_of_order.1").startsWith("d4d4d4d "));
        assertTrue(props.get("evidence.history.in_future.1").startsWith("e5e5e5e "));
    }

    @Test
    void markdownIsATableWithTheSubjectEscaped() {
        String all = ReportWriter.render(withHistory(HISTORY), ReportFormat.MARKDOWN);
        assertTrue(all.contains("### How it was built (git history)\n"), all);
        String md = all.substring(all.indexOf("### How it was built"));
        assertTrue(md.contains("| Commits | 5 (graded: e5e5e5e) |\n"), md);
        assertTrue(md.contains("| Longest gap | 4h, between c3c3c3c and e5e5e5e |\n"), md);
        assertFalse(md.contains("<script>"), md);
        assertTrue(md.contains("&lt;script&gt;"), md);
    }

    @Test
    void htmlHasASectionOfFactsWithNothingTheCandidateWroteLeftLive() {
        Document page = Jsoup.parse(ReportWriter.render(withHistory(HISTORY), ReportFormat.HTML));
        Element section = page.getElementById("history");
        assertNotNull(section, "a history section");
        assertEquals(HistorySection.TITLE, section.selectFirst("h2").text());
        Map<String, String> facts = new LinkedHashMap<>();
        for (Element dt : section.select("dt")) {
            facts.put(dt.text(), dt.nextElementSibling().text());
        }
        assertEquals(
                List.of(
                        "Commits",
                        "First commit",
                        "Last commit",
                        "Span",
                        "Longest gap",
                        "Largest single commit",
                        "Dated before a parent",
                        "Dated after the grade began"),
                List.copyOf(facts.keySet()));
        assertEquals("8h 20m; 2.08 × the time budget of 4h", facts.get("Span"));
        assertTrue(facts.get("Largest single commit").contains(SUBJECT), "the subject shown as text");
        assertTrue(page.select("script, img").isEmpty(), "no element from the commit subject");
    }

    @Test
    void gradescopeOutputListsTheFacts() throws Exception {
        JsonNode root = JSON.readTree(ReportWriter.render(withHistory(HISTORY), ReportFormat.GRADESCOPE));
        String output = root.get("output").asText();
        assertTrue(output.contains("\nhistory: Commits: 5 (graded: e5e5e5e)\n"), output);
        assertTrue(output.contains("\nhistory: Dated after the grade began: e5e5e5e "), output);
    }

    @Test
    void aLineCountThatRanOutOfTimeSaysSoAndKeepsTheOtherFacts() {
        HistoryEvidence h = new HistoryEvidence(
                true,
                null,
                "e5e5e5e",
                2,
                "2026-12-01T10:00:00Z",
                "2026-12-01T11:00:00Z",
                3600L,
                new Gap(3600, "a1a1a1a", "e5e5e5e"),
                null,
                null,
                null,
                null,
                List.of(),
                List.of());
        assertEquals(
                List.of(
                        "Commits: 2 (graded: e5e5e5e)",
                        "First commit: 2026-12-01 10:00:00 UTC",
                        "Last commit: 2026-12-01 11:00:00 UTC",
                        "Span: 1h; the exercise has no time budget",
                        "Longest gap: 1h, between a1a1a1a and e5e5e5e",
                        "Largest single commit: not counted: counting the lines by commit took longer than its time limit",
                        "Dated before a parent: none",
                        "Dated after the grade began: none"),
                HistorySection.lines(h));
        assertFalse(HistorySection.properties(withHistory(h)).containsKey("evidence.history.own_lines"));
    }

    @Test
    void noHistorySaysSoInEveryFormat() throws Exception {
        GradeReport report = withHistory(HistoryEvidence.unavailable("a folder without git history"));
        for (ReportFormat f : ReportFormat.values()) {
            String out = f == ReportFormat.CONSOLE ? console(report) : ReportWriter.render(report, f);
            assertTrue(out.contains("a folder without git history"), f + ":\n" + out);
        }
        String xml = ReportWriter.render(report, ReportFormat.JUNIT_XML);
        assertTrue(xml.contains("name=\"evidence.history.available\" value=\"false\""), xml);
        assertEquals(
                "History",
                Jsoup.parse(ReportWriter.render(report, ReportFormat.HTML))
                        .select("#history dt")
                        .text());
    }

    @Test
    void theCandidateNeverSeesItAndNoFormatUsesVerdictWords() {
        GradeReport report = withHistory(HISTORY);
        GradeReport candidate = Audience.CANDIDATE.view(report);
        assertNull(candidate.evidence());
        for (ReportFormat f : ReportFormat.values()) {
            String theirs = f == ReportFormat.CONSOLE ? console(candidate) : ReportWriter.render(candidate, f);
            assertFalse(theirs.contains("git history") || theirs.contains("c3c3c3c"), f + ":\n" + theirs);
            String ours = (f == ReportFormat.CONSOLE ? console(report) : ReportWriter.render(report, f))
                    .replace(SUBJECT, "")
                    .toLowerCase(Locale.ROOT);
            assertTrue(ours.contains("c3c3c3c"), f + " shows the history");
            for (String verdict : List.of("suspicious", "cheat", "plagiar", "fraud", "fake")) {
                assertFalse(ours.contains(verdict), f + " says '" + verdict + "'");
            }
        }
    }
}
