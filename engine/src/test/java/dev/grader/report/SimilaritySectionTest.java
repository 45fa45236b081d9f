package dev.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.grader.Fixtures;
import dev.grader.ParsedPage;
import dev.grader.model.Evidence;
import dev.grader.model.GradeReport;
import dev.grader.model.SimilarityEvidence;
import dev.grader.model.SimilarityEvidence.OtherKind;
import dev.grader.model.SimilarityEvidence.Region;
import dev.grader.model.SimilarityEvidence.SimilarPair;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The similarity evidence in every report format, always with its caution; never for the candidate. */
class SimilaritySectionTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    static GradeReport withSimilarity() {
        Region region = new Region(
                "com/acme/ratelimit/TokenBucketRateLimiter.java",
                30,
                32,
                "com/acme/ratelimit/TokenBucketRateLimiter.java",
                40,
                42,
                List.of("long[] slot = drainedSince.get(key);", "if (slot == null) {", "  return " + HOSTILE + ";"),
                List.of("long[] state = emptyAt.get(key);", "if (state == null) {", "  return capacity;"));
        SimilarityEvidence s = new SimilarityEvidence(
                60,
                4,
                List.of(
                        new SimilarPair("bob", OtherKind.SUBMISSION, 88.1, List.of(region)),
                        new SimilarPair(
                                "reference",
                                OtherKind.REFERENCE,
                                61.5,
                                List.of(new Region(
                                        "com/acme/ratelimit/Decision.java",
                                        1,
                                        9,
                                        "com/acme/ratelimit/Decision.java",
                                        2,
                                        10,
                                        List.of(),
                                        List.of())))));
        return SampleReports.realistic().withEvidence(Evidence.none().withSimilarity(s));
    }

    @Test
    void htmlShowsTheCautionAndTheMatchingCodeSideBySide() {
        ParsedPage page = ParsedPage.parse(HtmlReport.render(withSimilarity()));
        page.assertSelfContained("similarity report");
        Element section = page.one("section#similarity");
        assertTrue(
                section.select("p.caution").text().startsWith("Similarity is a reason to look, not proof."),
                section.select("p.caution").text());
        List<Element> pairs = section.select("article.similar-pair");
        assertEquals(2, pairs.size());
        assertEquals("bob", pairs.get(0).select(".other").text());
        assertEquals("88.1%", pairs.get(0).select(".percent").text());
        assertEquals("the reference solution", pairs.get(1).select(".other").text());
        assertTrue(pairs.get(1).select(".side").isEmpty(), "a region without code is not an empty side-by-side");
        assertEquals(
                "com/acme/ratelimit/Decision.java:1-9 ↔ com/acme/ratelimit/Decision.java:2-10",
                pairs.get(1).select("ul.regions li").text());
        Element side = pairs.get(0).selectFirst(".side");
        assertTrue(side.selectFirst(".this h4").text().endsWith("TokenBucketRateLimiter.java:30-32"));
        assertTrue(side.selectFirst(".that h4").text().endsWith("TokenBucketRateLimiter.java:40-42"));
        assertEquals(
                "long[] slot = drainedSince.get(key);\nif (slot == null) {\n  return " + HOSTILE + ";",
                side.selectFirst(".this pre").wholeText());
        assertTrue(side.selectFirst(".that pre").wholeText().startsWith("long[] state = emptyAt.get(key);"));
        assertTrue(page.all("script").isEmpty(), "the candidate's code is text, never markup");
    }

    @Test
    void markdownConsoleGradescopeSayItIsAReasonToLookNotProof() {
        GradeReport r = withSimilarity();
        String md = ReportWriter.render(r, ReportFormat.MARKDOWN);
        assertTrue(md.contains("### Similarity\n\n**" + SimilarityEvidence.CAUTION + "**"), md);
        assertTrue(
                md.contains("| bob | 88.1 | com/acme/ratelimit/TokenBucketRateLimiter.java:30-32 ↔ "
                        + "com/acme/ratelimit/TokenBucketRateLimiter.java:40-42 |"),
                md);
        assertTrue(md.contains("| the reference solution | 61.5 | com/acme/ratelimit/Decision.java:1-9 ↔ "), md);
        String console = ReportWriter.render(r, ReportFormat.CONSOLE);
        assertTrue(
                console.contains(
                        "Similarity  2 at or above 60% among 4 compared  (" + SimilarityEvidence.CAUTION + ")"),
                console);
        assertTrue(console.contains("  88.1%  bob\n"), console);
        String gradescope = ReportWriter.render(r, ReportFormat.GRADESCOPE);
        assertTrue(
                gradescope.contains("similarity: 2 at or above 60% among 4 compared. " + SimilarityEvidence.CAUTION),
                gradescope);
    }

    @Test
    void junitXmlCarriesThePairsAsProperties() throws Exception {
        String xml = ReportWriter.render(withSimilarity(), ReportFormat.JUNIT_XML);
        NodeList props = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)))
                .getElementsByTagName("property");
        String similarity = null;
        String first = null;
        for (int i = 0; i < props.getLength(); i++) {
            org.w3c.dom.Element p = (org.w3c.dom.Element) props.item(i);
            if (p.getAttribute("name").equals("similarity") && similarity == null) {
                similarity = p.getAttribute("value");
            } else if (p.getAttribute("name").equals("similarity.1") && first == null) {
                first = p.getAttribute("value");
            }
        }
        assertEquals("2 at or above 60% among 4 compared. " + SimilarityEvidence.CAUTION, similarity);
        assertTrue(first.startsWith("88.1% bob: com/acme/ratelimit/TokenBucketRateLimiter.java:30-32 ↔ "), first);
    }

    @Test
    void jsonRoundTripsAndMatchesTheSchema() throws Exception {
        GradeReport r = withSimilarity();
        String json = JsonReport.toJson(r);
        assertEquals(r, JsonReport.fromJson(json));
        assertTrue(
                json.contains("\"other_kind\" : \"reference\"") || json.contains("\"other_kind\":\"reference\""), json);
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Fixtures.repository().resolve("docs/report-schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
        assertEquals(java.util.Set.of(), schema.validate(new ObjectMapper().readTree(json)));
    }

    @Test
    void theCandidateNeverSeesSimilarity() {
        GradeReport candidate = Audience.CANDIDATE.view(withSimilarity());
        for (ReportFormat f : ReportFormat.values()) {
            String text = ReportWriter.render(candidate, f);
            assertFalse(text.contains("bob") || text.contains("imilarity"), f + ": " + text);
        }
    }

    @Test
    void nothingWhenNotCompared() {
        GradeReport r = SampleReports.realistic();
        assertFalse(HtmlReport.render(r).contains("id=\"similarity\""));
        assertFalse(ReportWriter.render(r, ReportFormat.MARKDOWN).contains("Similarity"));
    }
}
