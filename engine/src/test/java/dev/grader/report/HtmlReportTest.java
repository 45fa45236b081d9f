package dev.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.HeadlessChromium;
import dev.grader.ParsedPage;
import dev.grader.TestTiers;
import dev.grader.model.CategoryScore;
import dev.grader.model.GradeReport;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

@TestTiers.Browser
class HtmlReportTest {

    private static final Path OUT = Path.of("target/html-report").toAbsolutePath();

    @Test
    void escapesEveryTextTheSubmissionControls() {
        String hostile = SampleReports.HOSTILE;
        ParsedPage page = ParsedPage.parse(HtmlReport.render(SampleReports.everywhere(hostile)));
        page.assertSelfContained("the hostile report");
        assertFalse(
                page.has("[src*=evil.example], [onerror], [data-pwned]"),
                "an element the hostile text tried to inject");
        // every field the submission controls is shown as that text in its own element
        // the submission's display name is its last path element: "table>" from the hostile text's closing tag
        assertEquals("table> · " + hostile + " · grade report", page.document().title(), "page title");
        assertEquals("table>", page.text("header .submission strong"), "submission name");
        assertEquals(hostile, page.text("header .eyebrow .mono"), "exercise id");
        assertEquals(hostile, page.text("header h1"), "exercise title");
        assertEquals(hostile, page.text("header .submission .mono"), "submission path");
        assertEquals(hostile, page.text("#run-ending p.message"), "status and run message");
        assertEquals(
                List.of(hostile, hostile), page.all("#run-ending details pre").eachText(), "stdout, stderr");
        Element diagnostic = page.one("#compilation tbody tr");
        assertEquals(hostile + ":1:2", ParsedPage.cell(diagnostic, "Where").text(), "diagnostic file");
        assertEquals(hostile, ParsedPage.cell(diagnostic, "Error").select("pre").text(), "diagnostic");
        Element violation = page.one("#policy tr.violation");
        assertEquals(hostile, ParsedPage.cell(violation, "Rule").text(), "policy rule");
        assertEquals(hostile, ParsedPage.cell(violation, "API").text(), "policy API");
        assertEquals(
                hostile + ":4 in " + hostile,
                ParsedPage.cell(violation, "Where").text(),
                "policy file, origin");
        assertEquals(
                hostile, ParsedPage.cell(violation, "What the rule forbids").text(), "policy summary");
        Element category = page.one("#categories tr.category");
        assertEquals(
                hostile + ": 50 of 100 points", category.selectFirst("svg.bar").attr("aria-label"), "bar's label");
        assertEquals(hostile, category.select(".cat-title").text(), "category title");
        assertEquals(hostile, category.select(".hint").text(), "category hint");
        assertEquals(4, category.children().size(), "the category row keeps its four cells");
        Element lost = page.one("#lost-points tr.lost");
        Element what = ParsedPage.cell(lost, "Test and what happened");
        assertEquals(hostile, what.select(".test-name").text(), "test name");
        assertEquals(hostile, what.select(".message").text(), "test message");
        assertEquals(List.of(hostile, hostile), what.select("details pre").eachText(), "test output, trace");
        assertEquals(hostile, ParsedPage.cell(lost, "Category").text(), "category of the lost test");
        assertEquals("−50", ParsedPage.cell(lost, "Lost").text(), "the row's last cell is still its points");
        assertEquals(hostile + "2", page.text("#passed li .mono"), "passed test name");
        Element flag = page.one("#flags tr.flag");
        assertEquals(hostile, ParsedPage.cell(flag, "Kind").text(), "flag kind");
        assertEquals(hostile + ":3", ParsedPage.cell(flag, "Where").text(), "flag file");
        assertEquals(hostile, ParsedPage.cell(flag, "What").text(), "flag message");
        assertEquals(List.of(hostile, hostile, hostile), page.texts("#changes li"), "files added, changed, removed");
        assertEquals(List.of(hostile), page.texts("#warnings li"), "warning");
        assertEquals(List.of(hostile), page.texts("#code .code-notes li"), "code note");
        Element method = page.one("#code tr.method");
        assertEquals(hostile, ParsedPage.cell(method, "Method").text(), "method name");
        assertEquals("#code-f0-L1", method.selectFirst("a").attr("href"), "the method links to its line");
        assertEquals("table>:1", ParsedPage.cell(method, "File").text(), "method file (its last path element)");
        assertEquals(hostile, ParsedPage.cell(method, "File").attr("title"), "method file's path");
        assertEquals(hostile, page.text("#code-f0 h3 .mono"), "diff file");
        assertEquals(
                List.of("+" + hostile, "+" + hostile, "+" + hostile, "+" + hostile, "−" + hostile),
                page.all("#code-f0 td.code").stream().map(Element::text).toList(),
                "diff lines");
        assertEquals(
                "alert " + hostile + " " + hostile,
                page.one("#code-f0-L3").nextElementSibling().text(),
                "flag inline");
        assertEquals(
                "policy " + hostile + " uses " + hostile + " at " + hostile + ":4 (in " + hostile + "): " + hostile,
                page.one("#code-f0-L4").nextElementSibling().text(),
                "policy finding inline");
        Map<String, String> facts = facts(page);
        for (String fact : List.of("JDK", "OS", "Database", "Started")) {
            assertEquals(hostile, facts.get(fact), fact);
        }
        // the title; exercise id, title, submission; run message, stdout, stderr; diagnostic file and message;
        // policy rule, API, file, origin, summary; category title, hint; test name, message, output, trace, category;
        // passed test; flag kind, file, message; 3 files; warning; JDK, OS, database, started; code note, method name,
        // file, 5 diff lines, flag kind and message, policy rule and its text (api, file, origin, summary)
        assertTrue(
                page.textOccurrences(hostile) >= 33 + 15,
                "every field is rendered as text: " + page.textOccurrences(hostile));
    }

    @Test
    void escapesDiagnosticsOfCodeThatDoesNotCompile() {
        ParsedPage page = ParsedPage.parse(HtmlReport.render(SampleReports.doesNotCompile()));
        page.assertSelfContained("the report of code that does not compile");
        Element second = page.all("#compilation tbody tr").get(1);
        assertTrue(
                ParsedPage.cell(second, "Error")
                        .text()
                        .startsWith("class, interface expected <script>alert(1)</script>"),
                "the diagnostic's markup is shown as text: " + second.text());
    }

    @Test
    void loadsNothingFromOutsideThePage() {
        for (GradeReport r : List.of(
                SampleReports.realistic(),
                Audience.CANDIDATE.view(SampleReports.realistic()),
                SampleReports.doesNotCompile(),
                SampleReports.infrastructureError(),
                SampleReports.everywhere(SampleReports.HOSTILE))) {
            ParsedPage.parse(HtmlReport.render(r)).assertSelfContained("the page of " + r.submission());
        }
        // apart from the hostile text shown as text, the realistic report holds no URL at all: it references nothing
        ParsedPage page = ParsedPage.parse(HtmlReport.render(SampleReports.realistic()));
        String everything = page.allTextAndAttributes().replace(SampleReports.HOSTILE, "");
        for (String external : List.of("@import", "url(", "@font-face", "http://", "https://")) {
            assertFalse(everything.contains(external), external);
        }
    }

    @Test
    void listsEveryLostTestWithItsCategoryStatusPointsAndMessage() {
        GradeReport r = SampleReports.realistic();
        ParsedPage page = ParsedPage.parse(HtmlReport.render(r));
        List<TestScore> lost = r.tests().stream().filter(t -> !t.passed()).toList();
        assertEquals(8, lost.size());
        Map<String, Element> rows = lostRows(page);
        assertEquals(lost.size(), rows.size());
        for (TestScore t : lost) {
            Element cell = ParsedPage.cell(rows.get(t.name()), "Test and what happened");
            assertEquals(t.message(), cell.select(".message").first().wholeText(), t.name());
        }
        assertEquals("Lost points 8 tests, −45 points", page.text("#lost-points h2"));
        assertEquals("8 tests, −45 points", page.text("#lost-points h2 .muted"));
        for (TestScore t : lost) {
            String badge = ParsedPage.badge(ParsedPage.cell(rows.get(t.name()), "Status"));
            switch (t.status()) {
                case TIMED_OUT -> assertEquals("badge b-warn timed out", badge, t.name());
                case NOT_RUN -> assertEquals("badge b-neutral not run", badge, t.name());
                default -> {}
            }
        }
        assertTrue(
                lost.stream().anyMatch(t -> t.status() == TestStatus.TIMED_OUT)
                        && lost.stream().anyMatch(t -> t.status() == TestStatus.NOT_RUN),
                "the sample has both kinds");
        TestScore worth7andAHalf = lost.stream()
                .filter(t -> t.maxScore() == 7.5 && t.score() == 0)
                .findFirst()
                .orElseThrow();
        assertEquals(
                "−7.50",
                ParsedPage.cell(rows.get(worth7andAHalf.name()), "Lost").text(),
                "a test worth 7.5 points lost 7.5");
        assertEquals("55", page.text("#total .big"));
        assertEquals("/ 100 points", page.text("#total .of"));
        assertEquals("55 / 100 points", page.text("#total"));
        assertEquals("The run timed out", page.text("#run-ending h2"));
        assertEquals("Passed tests (11)", page.text("#passed summary"));
        assertFalse(page.allTextAndAttributes().contains("null"), "a missing value was printed as null");
    }

    @Test
    void showsFlagsMostSevereFirstAndTheChangeSummary() {
        ParsedPage page = ParsedPage.parse(HtmlReport.render(SampleReports.realistic()));
        List<Element> flags = page.all("#flags tr.flag");
        assertEquals(
                List.of("badge b-bad alert", "badge b-warn warning", "badge b-info info"),
                flags.stream()
                        .map(f -> ParsedPage.badge(ParsedPage.cell(f, "Severity")))
                        .toList(),
                "flags ordered alert, warning, info");
        assertEquals(
                "src/main/java/com/acme/ratelimit/RateLimiter.java:42",
                ParsedPage.cell(flags.get(0), "Where").text());
        assertEquals("dependency-added", ParsedPage.cell(flags.get(1), "Kind").text());
        assertEquals("pom.xml:31", ParsedPage.cell(flags.get(1), "Where").text());
        assertEquals("3 files added · 2 changed · 0 removed · +312 / −40 lines", page.text("#changes > p"));
        assertEquals("+312 / −40 lines", page.text("#changes > p .nowrap"));
        assertTrue(page.texts("#changes li").contains("src/main/java/com/acme/ratelimit/TokenBucket.java"));
        assertEquals(List.of("HygieneTest.tagless has no rubric tag and earns nothing"), page.texts("#warnings li"));
        Map<String, String> facts = facts(page);
        assertEquals("421337  (repeat with --seed 421337)", facts.get("Seed"));
        assertEquals("Eclipse Adoptium 17.0.15", facts.get("JDK"));
        assertEquals("version 0.1.0 · report format grader-report v" + GradeReport.VERSION, facts.get("Grader"));
        assertEquals("2026-11-22T09:00:00Z", facts.get("Started"));
    }

    @Test
    void candidateViewShowsHintsButNoHiddenTestsFlagsOrSubmission() {
        GradeReport company = SampleReports.realistic();
        ParsedPage page = ParsedPage.parse(HtmlReport.render(Audience.CANDIDATE.view(company)));
        List<Element> rows = page.all("#categories tr.category");
        assertEquals(
                company.categories().stream().map(CategoryScore::id).toList(),
                rows.stream().map(row -> row.attr("data-category")).toList());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(
                    company.categories().get(i).hint(),
                    rows.get(i).select(".hint").text(),
                    rows.get(i).attr("data-category"));
        }
        String everything = page.allTextAndAttributes();
        for (TestScore t : company.tests()) {
            assertFalse(everything.contains(t.name()), "hidden test name " + t.name());
        }
        assertFalse(page.has("tr.lost"), "no lost-points table without tests");
        assertEquals("Where points were lost", page.text("#lost-points h2"));
        assertFalse(everything.contains("Lost points"));
        assertTrue(page.text("#lost-points p")
                .startsWith("Points were lost in Concurrency, HTTP filter, RateLimit headers and Resource hygiene."));
        assertFalse(page.has("#flags"));
        assertFalse(page.has("#code"), "no code evidence for the candidate");
        assertFalse(everything.contains("System.exit"));
        assertFalse(everything.contains("alice"));
        assertFalse(everything.contains("Submission"));
        assertFalse(page.has("header .submission"));
        assertEquals("a time limit was reached; 3 checks did not run", page.text("#run-ending p.message"));
        assertEquals(
                List.of("11 of 19 checks passed"),
                page.texts("#summary p.muted").stream()
                        .filter(t -> t.contains("checks passed"))
                        .toList());
        assertFalse(everything.contains("null"));
    }

    @Test
    void doesNotCompileListsEachErrorAsFileLineColumn() {
        ParsedPage page = ParsedPage.parse(HtmlReport.render(SampleReports.doesNotCompile()));
        assertEquals(1, page.all("#summary .badge").size());
        assertEquals("badge b-bad does not compile", ParsedPage.badge(page.one("#summary")));
        assertEquals("The submission does not compile", page.text("#status h2"));
        assertEquals("2 compile errors in the submission", page.text("#status p.message"));
        List<Element> errors = page.all("#compilation tbody tr");
        assertEquals(2, errors.size());
        assertEquals(
                "src/main/java/com/acme/ratelimit/RateLimiter.java:17:9",
                ParsedPage.cell(errors.get(0), "Where").text());
        assertTrue(
                ParsedPage.cell(errors.get(0), "Error")
                        .selectFirst("pre")
                        .wholeText()
                        .startsWith("cannot find symbol\n  symbol:   class Bucket\n"),
                errors.get(0).text());
        assertEquals(
                "src/main/java/com/acme/ratelimit/Clock.java:3:1",
                ParsedPage.cell(errors.get(1), "Where").text());
        assertFalse(page.has("#lost-points"));
        assertFalse(page.has("#categories"), "no empty bars when nothing ran");
        assertFalse(page.visibleText().contains("checks passed"));
    }

    @Test
    void infrastructureErrorSaysNotGradedNotTheCandidatesFaultAndWhy() {
        ParsedPage page = ParsedPage.parse(HtmlReport.render(SampleReports.infrastructureError()));
        assertEquals("Not graded", page.text("#total .big.words"));
        assertEquals(1, page.all("#summary .badge").size());
        assertEquals("badge b-warn infrastructure error", ParsedPage.badge(page.one("#summary")));
        assertTrue(page.text("#status p.message")
                .contains("no PostgreSQL server: Docker not found and the embedded server did not start"));
        assertTrue(page.text("#status p.muted").contains("this is not the candidate's fault"));
    }

    @Test
    void escapeKeepsLinesAndShowsControlCharactersAndBrokenSurrogatesVisibly() {
        assertEquals("a␀b␛[31mred", Html.esc("a\u0000b\u001b[31mred"));
        assertEquals("one\ntwo\nthree", Html.esc("one\r\ntwo\rthree"));
        assertEquals("x\uFFFDy \uD83D\uDE00", Html.esc("x\uD800y \uD83D\uDE00"));
        assertEquals("&amp;&lt;&gt;&quot;&#39;", Html.esc("&<>\"'"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void rendersInHeadlessChromiumAsAPersonWouldSeeIt() throws IOException {
        GradeReport r = SampleReports.realistic();
        Path page = write("report.html", HtmlReport.render(r));
        Path candidatePage = write("candidate.html", HtmlReport.render(Audience.CANDIDATE.view(r)));
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver d = chromium.driver();
            chromium.open(page);
            assertEquals("alice · Per-client rate limiter · grade report", d.getTitle());
            assertEquals("55 / 100 points", d.findElement(By.id("total")).getText());

            List<WebElement> bars = d.findElements(By.cssSelector("#categories svg.bar"));
            assertEquals(r.categories().size(), bars.size(), "one bar per category");
            for (CategoryScore c : r.categories()) {
                WebElement bar = d.findElement(By.cssSelector("#categories svg.bar[data-category='" + c.id() + "']"));
                double track =
                        bar.findElement(By.cssSelector("rect.track")).getRect().getWidth();
                double fill =
                        bar.findElement(By.cssSelector("rect.fill")).getRect().getWidth();
                assertTrue(track > 200, "the bar of " + c.id() + " is wide enough to read: " + track + " px");
                assertEquals(
                        c.score() / c.maxScore(),
                        fill / track,
                        0.01,
                        "bar of " + c.id() + ": " + fill + " of " + track);
            }

            List<TestScore> lost = r.tests().stream().filter(t -> !t.passed()).toList();
            List<WebElement> rows = d.findElements(By.cssSelector("#lost-points tr.lost"));
            assertEquals(lost.size(), rows.size());
            Map<String, WebElement> byName = rows.stream()
                    .collect(Collectors.toMap(
                            row -> row.findElement(By.cssSelector(".test-name")).getText(), Function.identity()));
            for (TestScore t : lost) {
                WebElement message = byName.get(t.name()).findElement(By.cssSelector(".message"));
                assertTrue(message.isDisplayed(), t.name());
                assertEquals(t.message(), message.getText(), "what a person reads for " + t.name());
            }

            // the hostile message is on the page as text, and nothing in it ran
            assertTrue(d.findElement(By.tagName("body")).getText().contains("<script>alert(1)</script><img src="));
            assertTrue(d.findElements(By.tagName("script")).isEmpty(), "no script element in the page");
            assertTrue(d.findElements(By.tagName("img")).isEmpty(), "no img element in the page");
            assertNull(d.findElement(By.tagName("body")).getDomAttribute("data-pwned"), "injected code ran");

            // output and traces are folded away until asked for
            WebElement row = byName.get("ConcurrencyTest.exactlyCapacityUnderContention");
            WebElement trace = row.findElements(By.cssSelector("details")).get(1);
            assertFalse(trace.findElement(By.tagName("pre")).isDisplayed());
            trace.findElement(By.tagName("summary")).click();
            assertTrue(
                    trace.findElement(By.tagName("pre")).getText().startsWith("org.opentest4j.AssertionFailedError"));

            assertEquals(3, d.findElements(By.cssSelector("#flags tr.flag")).size());
            assertTrue(d.findElement(By.id("run-ending")).getText().contains("The run timed out"));
            assertTrue(d.findElement(By.id("changes")).getText().contains("+312 / −40 lines"));
            assertTrue(Files.size(chromium.screenshot(OUT.resolve("report.png"))) > 20_000);

            // printed, folded output and traces are unfolded
            // (WebDriver's isDisplayed() calls anything in a closed <details> hidden, so the boxes are measured
            // instead)
            WebElement folded = byName.get("ConcurrencyTest.fairAcrossClients").findElement(By.tagName("details"));
            int summary = folded.findElement(By.tagName("summary")).getRect().getHeight();
            assertTrue(
                    folded.getRect().getHeight() < summary + 5,
                    "folded on screen: " + folded.getRect().getHeight());
            chromium.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertTrue(
                    folded.getRect().getHeight() > summary + 20,
                    "a folded trace is printed: " + folded.getRect().getHeight());
            assertTrue(Files.size(chromium.screenshot(OUT.resolve("report-print.png"))) > 20_000);
            chromium.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

            chromium.open(candidatePage);
            assertEquals("55 / 100 points", d.findElement(By.id("total")).getText());
            List<WebElement> hints = d.findElements(By.cssSelector("#categories .hint"));
            assertEquals(r.categories().size(), hints.size());
            for (WebElement hint : hints) {
                assertTrue(hint.isDisplayed() && !hint.getText().isBlank());
            }
            assertTrue(d.findElements(By.cssSelector("tr.lost")).isEmpty());
            assertTrue(d.findElement(By.id("lost-points")).getText().contains("Points were lost in Concurrency"));
            assertTrue(Files.size(chromium.screenshot(OUT.resolve("candidate.png"))) > 20_000);

            chromium.open(write("does-not-compile.html", HtmlReport.render(SampleReports.doesNotCompile())));
            assertEquals("0 / 100 points", d.findElement(By.id("total")).getText());
            assertEquals(
                    "does not compile",
                    d.findElement(By.cssSelector("#summary .badge")).getText());
            List<WebElement> errors = d.findElements(By.cssSelector("#compilation tbody tr"));
            assertEquals(2, errors.size());
            List<WebElement> cells = errors.get(0).findElements(By.tagName("td"));
            assertEquals(
                    "src/main/java/com/acme/ratelimit/RateLimiter.java:17:9",
                    cells.get(0).getText());
            assertTrue(
                    cells.get(1).getText().startsWith("cannot find symbol\n  symbol:   class Bucket"),
                    cells.get(1).getText());
            assertTrue(errors.get(1).getText().contains("class, interface expected <script>alert(1)</script>"));
            assertTrue(d.findElements(By.tagName("script")).isEmpty());
            assertNull(d.findElement(By.tagName("body")).getDomAttribute("data-pwned"), "injected code ran");
            assertTrue(Files.size(chromium.screenshot(OUT.resolve("does-not-compile.png"))) > 20_000);

            chromium.open(write("infrastructure-error.html", HtmlReport.render(SampleReports.infrastructureError())));
            assertEquals("Not graded", d.findElement(By.id("total")).getText());
            assertTrue(d.findElement(By.id("status")).getText().contains("Docker not found"));
            assertTrue(Files.size(chromium.screenshot(OUT.resolve("infrastructure-error.png"))) > 20_000);
        }
    }

    @Test
    void theDiffReadsInChromiumAndEachMethodLinkLandsOnItsLine() throws IOException {
        Path page = write("report.html", HtmlReport.render(SampleReports.realistic()));
        Path hostile = write("hostile.html", HtmlReport.render(SampleReports.everywhere(SampleReports.HOSTILE)));
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var d = chromium.driver();
            chromium.open(page);
            WebElement code = d.findElement(By.id("code"));
            assertTrue(code.isDisplayed());
            List<WebElement> methods = code.findElements(By.cssSelector("tr.method a"));
            assertEquals("TokenBucket.take(int)", methods.get(0).getText());
            d.executeScript("arguments[0].scrollIntoView()", code);
            Files.createDirectories(OUT);
            Files.write(OUT.resolve("code.png"), code.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            assertTrue(Files.size(OUT.resolve("code.png")) > 20_000);
            methods.get(1).click();
            assertTrue(d.getCurrentUrl().endsWith("#code-f0-L31"), d.getCurrentUrl());
            WebElement line = d.findElement(By.id("code-f0-L31"));
            Object top = d.executeScript("return arguments[0].getBoundingClientRect().top", line);
            assertEquals(
                    0, ((Number) top).doubleValue(), 2, "the clicked method's first line is at the top of the window");
            assertTrue(line.getText().contains("public boolean tryAcquire(String client) {"), line.getText());
            // an added line is green, a removed one red, a finding yellow; keywords are coloured
            assertEquals(
                    "rgba(230, 255, 236, 1)",
                    d.findElement(By.cssSelector("#code-f0-L42 td.code")).getCssValue("background-color"));
            assertEquals(
                    "rgba(255, 235, 233, 1)",
                    d.findElement(By.cssSelector("#code-f0 tr.d-del td.code")).getCssValue("background-color"));
            WebElement finding = d.findElement(By.cssSelector("#code-f0-L42 + tr.finding"));
            assertTrue(finding.isDisplayed() && finding.getText().contains("system-exit"), finding.getText());
            assertEquals(
                    "rgba(207, 34, 46, 1)",
                    d.findElement(By.cssSelector("#code-f0 .tk-k")).getCssValue("color"));
            // the diff fits the page: no line makes it wider than the window
            Object wide = d.executeScript("return document.documentElement.scrollWidth");
            assertTrue(((Number) wide).intValue() <= HeadlessChromium.WIDTH, "page width " + wide);

            chromium.open(hostile);
            assertTrue(d.findElements(By.tagName("script")).isEmpty());
            assertNull(d.findElement(By.tagName("body")).getDomAttribute("data-pwned"), "injected code ran");
            assertEquals(
                    "+" + SampleReports.HOSTILE,
                    d.findElement(By.cssSelector("#code-f0-L1 td.code")).getText());
        }
    }

    private static Path write(String name, String html) throws IOException {
        Files.createDirectories(OUT);
        return Files.writeString(OUT.resolve(name), html);
    }

    /** The lost-points rows by the name of their test. */
    private static Map<String, Element> lostRows(ParsedPage page) {
        Map<String, Element> rows = new LinkedHashMap<>();
        for (Element row : page.all("#lost-points tr.lost")) {
            assertNull(rows.put(row.select(".test-name").text(), row), "one row per test");
        }
        return rows;
    }

    /** The facts of "About this run", each name with its value as written. */
    private static Map<String, String> facts(ParsedPage page) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (Element dt : page.all("#run-details dt")) {
            Element dd = dt.nextElementSibling();
            assertEquals("dd", dd.tagName(), dt.text());
            facts.put(dt.text(), dd.wholeText());
        }
        return facts;
    }
}
