package dev.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.HeadlessChromium;
import dev.grader.ParsedPage;
import dev.grader.TestTiers;
import dev.grader.model.GradeReport;
import dev.grader.report.Html;
import dev.grader.report.HtmlReport;
import dev.grader.report.SampleReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

@TestTiers.Browser
class LeaderboardHtmlTest {

    private static final Path OUT = Path.of("target/leaderboard-html").toAbsolutePath();
    private static final String HOSTILE_NAME = "<script>alert(1)</script>";
    private static final String NO_LINK = "trent";

    /** 13 submissions: full marks, a tie, a hostile name, one without a link, one not compiling, one not graded. */
    private static List<GradeReport> reports() {
        List<GradeReport> reports = new ArrayList<>(List.of(
                SampleReports.realistic(),
                SampleReports.graded("dave", 25, 25, 20, 15, 15),
                SampleReports.graded("erin", 25, 20, 20, 15, 10),
                SampleReports.graded("frank", 25, 25, 20, 10, 10),
                SampleReports.graded("grace", 20, 15, 15, 10, 5),
                SampleReports.graded("heidi", 25, 10, 10, 5, 0),
                SampleReports.graded("ivan", 10, 5, 5, 0, 0),
                SampleReports.graded("judy", 5, 0, 0, 0, 0),
                SampleReports.graded(HOSTILE_NAME, 15, 10, 10, 5, 5),
                SampleReports.graded("mallory", 25, 25, 15, 15, 0),
                SampleReports.graded(NO_LINK, 20, 20, 15, 10, 10),
                SampleReports.doesNotCompile(),
                SampleReports.infrastructureError()));
        return reports;
    }

    private static Leaderboard board() {
        return Leaderboard.of(
                reports(), LeaderboardHtmlTest::name, r -> NO_LINK.equals(name(r)) ? null : name(r) + "/report.html");
    }

    private static String name(GradeReport r) {
        String s = r.submission();
        return s.startsWith("/home/") ? s.substring(s.lastIndexOf('/') + 1) : s;
    }

    @Test
    void escapesNamesMessagesAndTitles() {
        String hostile = SampleReports.HOSTILE;
        GradeReport report = SampleReports.everywhere(hostile);
        Leaderboard board = Leaderboard.of(List.of(report), r -> hostile, r -> hostile);
        ParsedPage page = ParsedPage.parse(LeaderboardHtml.render(board));
        page.assertSelfContained("the hostile leaderboard");
        assertFalse(
                page.has("[src*=evil.example], [onerror], [data-pwned]"),
                "an element the hostile text tried to inject");
        assertEquals(hostile + " · leaderboard", page.document().title(), "page title");
        assertEquals(hostile, page.text("header .eyebrow .mono"), "exercise id");
        assertEquals(hostile, page.text("header h1"), "exercise title");
        assertEquals(hostile, page.text("#category-averages .cat-title"), "category title");
        Element row = page.one("#ranking tr.entry");
        Element name = ParsedPage.cell(row, "Submission");
        assertEquals(hostile, name.text(), "submission name");
        assertEquals(
                LeaderboardHtml.relativeHref(hostile), name.selectFirst("a").attr("href"), "the link, encoded");
        assertEquals(hostile, ParsedPage.cell(row, "Status").attr("title"), "status message, as a tooltip");
        Element column = page.all("#ranking thead th").get(5);
        assertEquals(hostile + " / 100", column.text(), "category column");
        assertEquals(hostile + " (max 100)", column.attr("title"), "category column's tooltip");
        // exercise id and title (heading and page title), submission name, category title (twice)
        assertTrue(page.textOccurrences(hostile) >= 6, "found " + page.textOccurrences(hostile));
    }

    @Test
    void linksStayRelativeAndCannotCarryASchemeOrHost() {
        assertEquals("alice/report.html", LeaderboardHtml.relativeHref("alice/report.html"));
        assertEquals("alice%20smith/report.html", LeaderboardHtml.relativeHref("alice smith/report.html"));
        assertEquals("javascript%3Aalert%281%29", LeaderboardHtml.relativeHref("javascript:alert(1)"));
        assertEquals("evil.example/x.html", LeaderboardHtml.relativeHref("//evil.example/x.html"));
        assertEquals("dir/alice/", LeaderboardHtml.relativeHref("dir\\alice\\"));
        assertEquals(
                "%3Cscript%3Ealert%281%29%3C/script%3E/report.html",
                LeaderboardHtml.relativeHref(HOSTILE_NAME + "/report.html"));
        assertNull(LeaderboardHtml.relativeHref(null));
        assertNull(LeaderboardHtml.relativeHref("/"));

        ParsedPage page = ParsedPage.parse(LeaderboardHtml.render(board()));
        Element alice = nameCell(page, "alice");
        assertEquals(List.of("alice/report.html"), alice.select("a").eachAttr("href"));
        assertEquals("alice", alice.selectFirst("a").text());
        Element trent = nameCell(page, NO_LINK);
        assertTrue(trent.select("a").isEmpty(), "no link when the entry has none");
        for (Element a : page.all("a")) {
            assertFalse(a.attr("href").trim().toLowerCase(Locale.ROOT).startsWith("javascript"), a.attr("href"));
        }
    }

    @Test
    void loadsNothingFromOutsideThePage() {
        ParsedPage page = ParsedPage.parse(LeaderboardHtml.render(board()));
        page.assertSelfContained("the leaderboard");
        String everything = page.allTextAndAttributes();
        for (String external : List.of("@import", "url(", "@font-face", "http://", "https://")) {
            assertFalse(everything.contains(external), external);
        }
    }

    @Test
    void ranksEqualScoresTogetherAndShowsEveryColumn() {
        Leaderboard board = board();
        ParsedPage page = ParsedPage.parse(LeaderboardHtml.render(board));
        List<Element> rows = page.all("#ranking tr.entry");
        assertEquals(
                List.of("1", "2", "2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "12"),
                rows.stream().map(r -> ParsedPage.cell(r, "#").text()).toList());
        Element dave = rows.get(0);
        assertEquals("dave", ParsedPage.cell(dave, "Submission").text());
        assertEquals(
                List.of("dave/report.html"),
                ParsedPage.cell(dave, "Submission").select("a").eachAttr("href"));
        assertEquals("badge b-neutral graded", ParsedPage.badge(ParsedPage.cell(dave, "Status")));
        assertEquals("100 / 100", ParsedPage.cell(dave, "Score").text());
        Element bob = row(page, "bob");
        assertEquals(
                "2 compile errors in the submission",
                ParsedPage.cell(bob, "Status").attr("title"));
        assertEquals("badge b-bad does not compile", ParsedPage.badge(ParsedPage.cell(bob, "Status")));
        assertEquals(
                List.of("badge b-warn infrastructure error"),
                rows.stream()
                        .map(r -> ParsedPage.badge(ParsedPage.cell(r, "Status")))
                        .filter(b -> b.contains("infrastructure"))
                        .toList());
        assertEquals(
                "3",
                ParsedPage.cell(row(page, "alice"), "Flags").select("strong").text(),
                "alice's three flags");
        Element headers = page.one("#ranking thead th[title^=RateLimit headers]");
        assertEquals("RateLimit headers / 15", headers.text());
        assertEquals("/ 15", headers.select(".small").text());
        assertEquals(
                "Score distribution: 0–10%: 2; 10–20%: 0; 20–30%: 1; 30–40%: 0; 40–50%: 1;"
                        + " 50–60%: 2; 60–70%: 1; 70–80%: 1; 80–90%: 1; 90–100%: 3.",
                page.one("#distribution svg").attr("aria-label"));
        assertEquals("13", page.text("#stat-count .value"));
        assertEquals("submissions", page.text("#stat-count .label"));
        assertEquals(Html.percent(board.averagePercent()) + "%", page.text("#stat-mean .value"));
    }

    @Test
    void anEmptyBoardSaysSoWithoutCharts() {
        Leaderboard empty = new Leaderboard(
                "rate-limiter",
                1,
                "Per-client rate limiter",
                List.of(new Leaderboard.Column("refill", "Exact refill", 25)),
                List.of(),
                "2026-11-22T09:00:00Z",
                List.of());
        ParsedPage page = ParsedPage.parse(LeaderboardHtml.render(empty));
        assertTrue(page.texts("main > section p").contains("No submission has been graded yet."));
        assertEquals("0", page.text("#stat-count .value"));
        assertEquals("submissions", page.text("#stat-count .label"));
        assertFalse(page.has("svg"));
        assertFalse(page.has("#ranking"));
    }

    @Test
    void rendersInHeadlessChromiumAsAPersonWouldSeeIt() throws IOException {
        Leaderboard board = board();
        Files.createDirectories(OUT.resolve("alice"));
        Path page = Files.writeString(OUT.resolve("leaderboard.html"), LeaderboardHtml.render(board));
        Files.writeString(OUT.resolve("alice/report.html"), HtmlReport.render(SampleReports.realistic()));
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver d = chromium.driver();
            chromium.open(page);
            assertEquals("Per-client rate limiter · leaderboard", d.getTitle());
            assertEquals(
                    "13", d.findElement(By.cssSelector("#stat-count .value")).getText());
            assertEquals(
                    Html.percent(board.averagePercent()) + "%",
                    d.findElement(By.cssSelector("#stat-mean .value")).getText());

            // the histogram: ten columns, each as tall as its count
            int[] bins = board.histogram();
            List<WebElement> columns = d.findElements(By.cssSelector("#distribution g.bin rect.col"));
            assertEquals(10, columns.size());
            double tallest = columns.stream()
                    .mapToDouble(c -> c.getRect().getHeight())
                    .max()
                    .orElseThrow();
            assertTrue(tallest > 100, "the tallest column is " + tallest + " px");
            for (int i = 0; i < 10; i++) {
                assertEquals(bins[i] / 3.0, columns.get(i).getRect().getHeight() / tallest, 0.02, "column " + i);
            }

            // the category means: one bar each, filled to mean / max
            List<WebElement> bars = d.findElements(By.cssSelector("#category-averages svg.bar"));
            assertEquals(board.categories().size(), bars.size());
            for (int i = 0; i < bars.size(); i++) {
                Leaderboard.Column c = board.categories().get(i);
                double track = bars.get(i)
                        .findElement(By.cssSelector("rect.track"))
                        .getRect()
                        .getWidth();
                double fill = bars.get(i)
                        .findElement(By.cssSelector("rect.fill"))
                        .getRect()
                        .getWidth();
                assertEquals(board.average(c.id()) / c.maxScore(), fill / track, 0.01, c.id());
            }

            // the ranking as read on screen
            List<WebElement> rows = d.findElements(By.cssSelector("#ranking tr.entry"));
            assertEquals(13, rows.size());
            assertEquals(
                    "dave", rows.get(0).findElement(By.cssSelector("td.name")).getText());
            assertEquals(
                    "100 / 100",
                    rows.get(0).findElement(By.cssSelector("td.score")).getText());
            assertTrue(
                    rows.get(8).findElement(By.cssSelector("td.name")).getText().equals(HOSTILE_NAME),
                    "the hostile name is shown as text");
            assertTrue(d.findElements(By.tagName("script")).isEmpty());
            assertTrue(
                    rows.stream()
                            .filter(r -> r.getText().startsWith("5 trent"))
                            .allMatch(r -> r.findElements(By.tagName("a")).isEmpty()),
                    "trent has no link");
            assertTrue(Files.size(chromium.screenshot(OUT.resolve("leaderboard.png"))) > 20_000);

            // following alice's link opens her report
            WebElement alice = rows.stream()
                    .filter(r -> r.getText().startsWith("7 alice"))
                    .findFirst()
                    .orElseThrow();
            alice.findElement(By.linkText("alice")).click();
            assertEquals("alice · Per-client rate limiter · grade report", d.getTitle());
        }
    }

    /** The ranking's row of the submission {@code name}. */
    private static Element row(ParsedPage page, String name) {
        List<Element> rows = page.all("#ranking tr.entry").stream()
                .filter(r -> ParsedPage.cell(r, "Submission").text().equals(name))
                .toList();
        assertEquals(1, rows.size(), "rows of " + name);
        return rows.get(0);
    }

    private static Element nameCell(ParsedPage page, String name) {
        return ParsedPage.cell(row(page, name), "Submission");
    }
}
