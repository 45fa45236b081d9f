package dev.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.ParsedPage;
import dev.grader.model.CodeEvidence;
import dev.grader.model.Evidence;
import dev.grader.model.GradeReport;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The HTML report's "Where to read" section, parsed with jsoup, and the Java highlighter. */
class CodeHtmlTest {

    @Test
    void listsTheMethodsLargestFirstEachLinkedToItsFirstShownLine() {
        ParsedPage page = ParsedPage.parse(HtmlReport.render(SampleReports.realistic()));
        assertEquals("Where to read 3 files · 4 methods", page.text("#code h2"));
        List<Element> rows = page.all("#code table.methods tr.method");
        assertEquals(
                List.of(
                        "TokenBucket.take(int)",
                        "RateLimiter.tryAcquire(String)",
                        "TokenBucket.TokenBucket(int, Clock)",
                        "RateLimiter.shutdown()"),
                rows.stream().map(row -> ParsedPage.cell(row, "Method").text()).toList());
        assertEquals(
                List.of("7", "7", "5", "5"),
                rows.stream().map(row -> ParsedPage.cell(row, "Lines").text()).toList());
        assertEquals("badge b-good added", ParsedPage.badge(ParsedPage.cell(rows.get(0), "Change")));
        assertEquals("badge b-info changed", ParsedPage.badge(ParsedPage.cell(rows.get(1), "Change")));
        assertEquals("RateLimiter.java:31", ParsedPage.cell(rows.get(1), "File").text());
        assertEquals(SampleCode.LIMITER, ParsedPage.cell(rows.get(1), "File").attr("title"), "the whole path on hover");
        for (Element row : rows) {
            String where = ParsedPage.cell(row, "File").text();
            Element line = page.one(row.selectFirst("a").attr("href"));
            assertEquals(
                    where.substring(where.lastIndexOf(':') + 1),
                    line.select("td.ln").get(1).text(),
                    row.text() + " links to its first line");
            assertEquals(
                    ParsedPage.cell(row, "File").attr("title"),
                    line.closest(".code-file").selectFirst("h3 .mono").text());
        }
        assertEquals(
                "  synchronized boolean take(int n) {",
                page.one(rows.get(0).selectFirst("a").attr("href"))
                        .selectFirst("td.code")
                        .wholeText()
                        .substring(1));
    }

    @Test
    void eachFileIsADiffWithBothLineNumbersAndTheFindingsUnderTheirLines() {
        ParsedPage page = ParsedPage.parse(HtmlReport.render(SampleReports.realistic()));
        List<Element> files = page.all("#code .code-file");
        assertEquals(
                List.of(
                        SampleCode.LIMITER + " changed +8 / −2",
                        SampleCode.BUCKET + " added +23 / −0",
                        "pom.xml changed +5 / −0"),
                files.stream().map(f -> f.selectFirst("h3").text()).toList());
        Element exit = page.one("#code-f0-L42");
        assertEquals(
                List.of("", "42", "+ System.exit(0);"),
                exit.select("td").stream().map(Element::text).toList());
        assertEquals("d-add", exit.className());
        Element finding = exit.nextElementSibling();
        assertEquals("finding", finding.className());
        assertEquals("alert system-exit calls System.exit " + SampleReports.MARKING_SCRIPT, finding.text());
        Element removed = files.get(0).select("tr.d-del").first();
        assertEquals(
                List.of("35", "", "− throw new UnsupportedOperationException(\"TODO\");"),
                removed.select("td").stream().map(Element::text).toList());
        assertEquals("@@ −33 +30 @@", files.get(0).selectFirst("tr.hunk").text());
        assertEquals(
                "warning dependency-added adds com.google.guava:guava:33.0.0-jre",
                page.one("#code-f2-L31").nextElementSibling().text(),
                "the pom's flag under its line 31");
        // Java is highlighted, the pom is not
        assertEquals(List.of("throw", "new"), removed.select(".tk-k").eachText());
        assertEquals("\"TODO\"", removed.select(".tk-s").text());
        assertEquals(
                "// should never happen",
                page.one("#code-f0-L34").select(".tk-c").text());
        assertEquals(
                List.of("1_000_000_000L"),
                page.one("#code-f1-L6").select(".tk-n").eachText());
        assertEquals(
                "@SuppressWarnings", page.one("#code-f1-L10").select(".tk-a").text());
        assertTrue(files.get(2).select("span[class^=tk-]").isEmpty(), "no Java colours in pom.xml");
    }

    @Test
    void findingsOnLinesThatAreNotShownAreListedUnderTheFile() {
        GradeReport r = SampleReports.realistic();
        GradeReport moved = new GradeReport(
                r.format(),
                r.version(),
                r.graderVersion(),
                r.exercise(),
                r.submission(),
                r.status(),
                r.statusMessage(),
                r.seed(),
                r.score(),
                r.maxScore(),
                r.percent(),
                r.categories(),
                r.tests(),
                r.compilation(),
                List.of(new dev.grader.model.PolicyViolation(
                        "jvm-exit",
                        "stops the JVM",
                        "java.lang.System.exit",
                        "com/acme/ratelimit/RateLimiter.java",
                        90,
                        null)),
                r.run(),
                r.warnings(),
                r.flags(),
                r.changes(),
                r.environment(),
                r.timing(),
                r.startedAt(),
                r.evidence());
        ParsedPage page = ParsedPage.parse(HtmlReport.render(moved));
        assertEquals(
                List.of("policy jvm-exit line 90 uses java.lang.System.exit at com/acme/ratelimit/RateLimiter.java:90:"
                        + " stops the JVM"),
                page.all("#code-f0 .findings-elsewhere li").eachText());
    }

    @Test
    void notesSayWhatWasCutAndNoSectionWithoutEvidence() {
        GradeReport r = SampleReports.realistic();
        CodeEvidence cut = new CodeEvidence(List.of(), List.of(), List.of("3 more files not shown (at most 40)"));
        ParsedPage page = ParsedPage.parse(
                HtmlReport.render(r.withEvidence(Evidence.none().withCode(cut))));
        assertEquals(List.of("3 more files not shown (at most 40)"), page.texts("#code .code-notes li"));
        assertEquals("No file was added or changed.", page.text("#code > p:not(.muted)"));
        assertFalse(ParsedPage.parse(HtmlReport.render(r.withEvidence(Evidence.none())))
                .has("#code"));
        assertFalse(
                ParsedPage.parse(HtmlReport.render(Audience.CANDIDATE.view(r))).has("#code"),
                "the candidate never sees the evidence");
    }

    @Test
    void highlightingKeepsEveryCharacterAndAddsNoMarkupOfTheSource() {
        String hostile =
                "String s = \"</span><script>alert(1)</script>\"; /* <img src=x onerror=alert(1)> */ int x = 0x1F;"
                        + " char c = '\\''; // </td></tr>";
        String html = JavaHighlight.line(hostile, new JavaHighlight.State());
        Element parsed = Jsoup.parseBodyFragment("<pre>" + html + "</pre>").selectFirst("pre");
        assertEquals(hostile, parsed.wholeText());
        assertTrue(
                parsed.select("*").stream()
                        .allMatch(e -> e.tagName().equals("pre") || e.tagName().equals("span")),
                parsed.html());
        assertEquals(List.of("int", "char"), parsed.select(".tk-k").eachText());
        assertEquals(
                List.of("\"</span><script>alert(1)</script>\"", "'\\''"),
                parsed.select(".tk-s").eachText());
        assertEquals(
                List.of("/* <img src=x onerror=alert(1)> */", "// </td></tr>"),
                parsed.select(".tk-c").eachText());
        assertEquals(List.of("0x1F"), parsed.select(".tk-n").eachText());
    }

    @Test
    void aHunkThatStartsInsideAJavadocStartsInAComment() {
        JavaHighlight.State state = JavaHighlight.State.startingAt("   * Admits {@code int} requests.");
        assertEquals(
                "<span class=\"tk-c\">   * Admits {@code int} requests.</span>",
                JavaHighlight.line("   * Admits {@code int} requests.", state));
        assertEquals("<span class=\"tk-c\">   */</span>", JavaHighlight.line("   */", state));
        assertEquals("<span class=\"tk-k\">int</span> a = b * c;", JavaHighlight.line("int a = b * c;", state));
        assertEquals("x = y;", JavaHighlight.line("x = y;", JavaHighlight.State.startingAt("x = y;")));
    }

    @Test
    void blockCommentsAndTextBlocksCarryOverToTheNextLine() {
        JavaHighlight.State state = new JavaHighlight.State();
        assertEquals(
                "int <span class=\"tk-c\">/* starts</span>",
                JavaHighlight.line("int /* starts", state).replace("<span class=\"tk-k\">int</span>", "int"));
        assertEquals(
                "<span class=\"tk-c\">still if */</span> <span class=\"tk-k\">if</span>",
                JavaHighlight.line("still if */ if", state));
        assertEquals("<span class=\"tk-s\">&quot;&quot;&quot;</span>", JavaHighlight.line("\"\"\"", state));
        assertEquals("<span class=\"tk-s\">  class &lt;b&gt;</span>", JavaHighlight.line("  class <b>", state));
        assertEquals("<span class=\"tk-s\">  &quot;&quot;&quot;</span>;", JavaHighlight.line("  \"\"\";", state));
    }
}
