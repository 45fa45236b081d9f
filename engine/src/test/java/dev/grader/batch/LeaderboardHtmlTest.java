package dev.grader.batch;

import dev.grader.TestTiers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.HeadlessChromium;
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
    return Leaderboard.of(reports(), LeaderboardHtmlTest::name,
        r -> NO_LINK.equals(name(r)) ? null : name(r) + "/report.html");
  }

  private static String name(GradeReport r) {
    String s = r.submission();
    return s.startsWith("/home/") ? s.substring(s.lastIndexOf('/') + 1) : s;
  }

  @Test
  void escapesNamesMessagesAndTitles() {
    GradeReport hostile = SampleReports.everywhere(SampleReports.HOSTILE);
    Leaderboard board = Leaderboard.of(List.of(hostile), r -> SampleReports.HOSTILE, r -> SampleReports.HOSTILE);
    String html = LeaderboardHtml.render(board);
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"));
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<img"));
    assertFalse(html.contains("</td></table>"));
    String escaped = Html.esc(SampleReports.HOSTILE);
    // exercise id and title (heading and page title), submission name, category title (3 times)
    assertTrue(count(html, escaped) >= 6, "found " + count(html, escaped));
  }

  @Test
  void linksStayRelativeAndCannotCarryASchemeOrHost() {
    assertEquals("alice/report.html", LeaderboardHtml.relativeHref("alice/report.html"));
    assertEquals("alice%20smith/report.html", LeaderboardHtml.relativeHref("alice smith/report.html"));
    assertEquals("javascript%3Aalert%281%29", LeaderboardHtml.relativeHref("javascript:alert(1)"));
    assertEquals("evil.example/x.html", LeaderboardHtml.relativeHref("//evil.example/x.html"));
    assertEquals("dir/alice/", LeaderboardHtml.relativeHref("dir\\alice\\"));
    assertEquals("%3Cscript%3Ealert%281%29%3C/script%3E/report.html",
        LeaderboardHtml.relativeHref(HOSTILE_NAME + "/report.html"));
    assertNull(LeaderboardHtml.relativeHref(null));
    assertNull(LeaderboardHtml.relativeHref("/"));

    String html = LeaderboardHtml.render(board());
    assertTrue(html.contains("<a href=\"alice/report.html\">alice</a>"));
    assertTrue(html.contains("<td class=\"name\">trent</td>"), "no link when the entry has none");
    assertFalse(html.contains("href=\"javascript"));
  }

  @Test
  void loadsNothingFromOutsideThePage() {
    String html = LeaderboardHtml.render(board());
    for (String external : List.of("src=\"http", "href=\"http", "src=\"//", "href=\"//", "<link", "<script",
        "<iframe", "<img", "@import", "url(", "@font-face", "http://", "https://")) {
      assertFalse(html.contains(external), external);
    }
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
  }

  @Test
  void ranksEqualScoresTogetherAndShowsEveryColumn() {
    Leaderboard board = board();
    String html = LeaderboardHtml.render(board);
    List<String> ranks = new ArrayList<>();
    for (int i = html.indexOf("<td class=\"num rank\">"); i >= 0; i = html.indexOf("<td class=\"num rank\">", i + 1)) {
      ranks.add(html.substring(i + "<td class=\"num rank\">".length(), html.indexOf("</td>", i)));
    }
    assertEquals(List.of("1", "2", "2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "12"), ranks);
    assertTrue(html.contains("<td class=\"name\"><a href=\"dave/report.html\">dave</a></td><td class=\"status\">"
        + "<span class=\"badge b-neutral\">graded</span></td><td class=\"num score\">100 / 100</td>"));
    assertTrue(html.contains("title=\"2 compile errors in the submission\"><span class=\"badge b-bad\">does not compile"));
    assertTrue(html.contains("<span class=\"badge b-warn\">infrastructure error</span>"));
    assertTrue(html.contains("<td class=\"num flags\"><strong>3</strong></td>"), "alice's three flags");
    assertTrue(html.contains("RateLimit headers<br><span class=\"small\">/ 15</span>"));
    assertTrue(html.contains("aria-label=\"Score distribution: 0–10%: 2; 10–20%: 0; 20–30%: 1; 30–40%: 0; 40–50%: 1;"
        + " 50–60%: 2; 60–70%: 1; 70–80%: 1; 80–90%: 1; 90–100%: 3.\""));
    assertTrue(html.contains("<div class=\"value\">13</div><div class=\"label\">submissions</div>"));
    assertTrue(html.contains("<div class=\"value\">" + Html.percent(board.averagePercent()) + "%</div>"));
  }

  @Test
  void anEmptyBoardSaysSoWithoutCharts() {
    Leaderboard empty = new Leaderboard("rate-limiter", 1, "Per-client rate limiter",
        List.of(new Leaderboard.Column("refill", "Exact refill", 25)), List.of(), "2026-11-22T09:00:00Z");
    String html = LeaderboardHtml.render(empty);
    assertTrue(html.contains("No submission has been graded yet."));
    assertTrue(html.contains("<div class=\"value\">0</div><div class=\"label\">submissions</div>"));
    assertFalse(html.contains("<svg"));
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
      assertEquals("13", d.findElement(By.cssSelector("#stat-count .value")).getText());
      assertEquals(Html.percent(board.averagePercent()) + "%", d.findElement(By.cssSelector("#stat-mean .value"))
          .getText());

      // the histogram: ten columns, each as tall as its count
      int[] bins = board.histogram();
      List<WebElement> columns = d.findElements(By.cssSelector("#distribution g.bin rect.col"));
      assertEquals(10, columns.size());
      double tallest = columns.stream().mapToDouble(c -> c.getRect().getHeight()).max().orElseThrow();
      assertTrue(tallest > 100, "the tallest column is " + tallest + " px");
      for (int i = 0; i < 10; i++) {
        assertEquals(bins[i] / 3.0, columns.get(i).getRect().getHeight() / tallest, 0.02, "column " + i);
      }

      // the category means: one bar each, filled to mean / max
      List<WebElement> bars = d.findElements(By.cssSelector("#category-averages svg.bar"));
      assertEquals(board.categories().size(), bars.size());
      for (int i = 0; i < bars.size(); i++) {
        Leaderboard.Column c = board.categories().get(i);
        double track = bars.get(i).findElement(By.cssSelector("rect.track")).getRect().getWidth();
        double fill = bars.get(i).findElement(By.cssSelector("rect.fill")).getRect().getWidth();
        assertEquals(board.average(c.id()) / c.maxScore(), fill / track, 0.01, c.id());
      }

      // the ranking as read on screen
      List<WebElement> rows = d.findElements(By.cssSelector("#ranking tr.entry"));
      assertEquals(13, rows.size());
      assertEquals("dave", rows.get(0).findElement(By.cssSelector("td.name")).getText());
      assertEquals("100 / 100", rows.get(0).findElement(By.cssSelector("td.score")).getText());
      assertTrue(rows.get(8).findElement(By.cssSelector("td.name")).getText().equals(HOSTILE_NAME),
          "the hostile name is shown as text");
      assertTrue(d.findElements(By.tagName("script")).isEmpty());
      assertTrue(rows.stream().filter(r -> r.getText().startsWith("5 trent"))
          .allMatch(r -> r.findElements(By.tagName("a")).isEmpty()), "trent has no link");
      assertTrue(Files.size(chromium.screenshot(OUT.resolve("leaderboard.png"))) > 20_000);

      // following alice's link opens her report
      WebElement alice = rows.stream().filter(r -> r.getText().startsWith("7 alice")).findFirst().orElseThrow();
      alice.findElement(By.linkText("alice")).click();
      assertEquals("alice · Per-client rate limiter · grade report", d.getTitle());
    }
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
