package dev.grader.report;

import dev.grader.model.GradeReport;
import dev.grader.TestTiers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.HeadlessChromium;
import dev.grader.model.CategoryScore;
import dev.grader.model.TestScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

@TestTiers.Browser
class HtmlReportTest {

  private static final Path OUT = Path.of("target/html-report").toAbsolutePath();

  @Test
  void escapesEveryTextTheSubmissionControls() {
    String html = HtmlReport.render(SampleReports.everywhere(SampleReports.HOSTILE));
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "a script element got through");
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<img"), "an img element got through");
    assertFalse(html.contains("</td></table>"), "the hostile text closed a table");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;http://evil.example/x.png&quot;"),
        "the hostile text is shown as text");
    String escaped = Html.esc(SampleReports.HOSTILE);
    // title, exercise id, title, submission, status message, category title and hint, test name, message, output,
    // trace, passed test name, diagnostic, run message, stdout, stderr, warning, flag kind, file and message, files
    assertTrue(count(html, escaped) >= 20, "every field is rendered escaped, found " + count(html, escaped));
  }

  @Test
  void escapesDiagnosticsOfCodeThatDoesNotCompile() {
    String html = HtmlReport.render(SampleReports.doesNotCompile());
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"));
    assertTrue(html.contains("class, interface expected &lt;script&gt;alert(1)&lt;/script&gt;"));
  }

  @Test
  void loadsNothingFromOutsideThePage() {
    for (GradeReport r : List.of(SampleReports.realistic(), Audience.CANDIDATE.view(SampleReports.realistic()),
        SampleReports.doesNotCompile(), SampleReports.infrastructureError(),
        SampleReports.everywhere(SampleReports.HOSTILE))) {
      String html = HtmlReport.render(r);
      for (String external : List.of("src=\"http", "href=\"http", "src=\"//", "href=\"//", "<link", "<script",
          "<iframe", "<object", "<embed", "<img")) {
        assertFalse(html.contains(external), external + " in the page of " + r.submission());
      }
      assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
          "the page forbids loading anything");
    }
    // without the (escaped) hostile text, the realistic report holds no URL at all: the page references nothing
    String html = HtmlReport.render(SampleReports.realistic()).replace(Html.esc(SampleReports.HOSTILE), "");
    for (String external : List.of("@import", "url(", "@font-face", "http://", "https://")) {
      assertFalse(html.contains(external), external);
    }
  }

  @Test
  void listsEveryLostTestWithItsCategoryStatusPointsAndMessage() {
    GradeReport r = SampleReports.realistic();
    String html = HtmlReport.render(r);
    List<TestScore> lost = r.tests().stream().filter(t -> !t.passed()).toList();
    assertEquals(8, lost.size());
    assertEquals(lost.size(), count(html, "<tr class=\"lost\">"));
    for (TestScore t : lost) {
      assertTrue(html.contains("<div class=\"test-name\">" + Html.esc(t.name()) + "</div><div class=\"message\">"
          + Html.esc(t.message()) + "</div>"), t.name());
    }
    assertTrue(html.contains("Lost points <span class=\"muted small\">8 tests, −45 points</span>"));
    assertTrue(html.contains("<span class=\"badge b-warn\">timed out</span>"));
    assertTrue(html.contains("<span class=\"badge b-neutral\">not run</span>"));
    assertTrue(html.contains("<td class=\"num\">−7.50</td>"), "a test worth 7.5 points lost 7.5");
    assertTrue(html.contains("<span class=\"big\">55</span><span class=\"of\"> / 100 points</span>"));
    assertTrue(html.contains("<h2>The run timed out</h2>"));
    assertTrue(html.contains("Passed tests (11)"));
    assertFalse(html.contains("null"), "a missing value was printed as null");
  }

  @Test
  void showsFlagsMostSevereFirstAndTheChangeSummary() {
    String html = HtmlReport.render(SampleReports.realistic());
    int alert = html.indexOf("<span class=\"badge b-bad\">alert</span>");
    int warning = html.indexOf("<span class=\"badge b-warn\">warning</span>");
    int info = html.indexOf("<span class=\"badge b-info\">info</span>");
    assertTrue(alert > 0 && alert < warning && warning < info, "flags ordered alert, warning, info");
    assertTrue(html.contains("src/main/java/com/acme/ratelimit/RateLimiter.java:42"));
    assertTrue(html.contains("<td class=\"mono nowrap\">dependency-added</td><td class=\"mono\">pom.xml:31</td>"));
    assertTrue(html.contains("3 files added · 2 changed · 0 removed · <span class=\"nowrap\">+312 / −40 lines</span>"));
    assertTrue(html.contains("<li>src/main/java/com/acme/ratelimit/TokenBucket.java</li>"));
    assertTrue(html.contains("HygieneTest.tagless has no rubric tag and earns nothing"));
    assertTrue(html.contains("<dt>Seed</dt><dd>421337  (repeat with --seed 421337)</dd>"));
    assertTrue(html.contains("<dt>JDK</dt><dd>Eclipse Adoptium 17.0.15</dd>"));
    assertTrue(html.contains("<dt>Grader</dt><dd>version 0.1.0 · report format grader-report v1</dd>"));
    assertTrue(html.contains("<dt>Started</dt><dd>2026-11-22T09:00:00Z</dd>"));
  }

  @Test
  void candidateViewShowsHintsButNoHiddenTestsFlagsOrSubmission() {
    GradeReport company = SampleReports.realistic();
    String html = HtmlReport.render(Audience.CANDIDATE.view(company));
    for (CategoryScore c : company.categories()) {
      assertTrue(html.contains("<div class=\"hint\">" + Html.esc(c.hint()) + "</div>"), c.id());
    }
    for (TestScore t : company.tests()) {
      assertFalse(html.contains(t.name()), "hidden test name " + t.name());
    }
    assertFalse(html.contains("<tr class=\"lost\">"), "no lost-points table without tests");
    assertFalse(html.contains("Lost points"));
    assertTrue(html.contains("Points were lost in Concurrency, HTTP filter, RateLimit headers and Resource hygiene."));
    assertFalse(html.contains("id=\"flags\""));
    assertFalse(html.contains("System.exit"));
    assertFalse(html.contains("alice"));
    assertFalse(html.contains("Submission"));
    assertTrue(html.contains("a time limit was reached; 3 checks did not run"));
    assertTrue(html.contains("11 of 19 checks passed"));
    assertFalse(html.contains("null"));
  }

  @Test
  void doesNotCompileListsEachErrorAsFileLineColumn() {
    String html = HtmlReport.render(SampleReports.doesNotCompile());
    assertTrue(html.contains("<span class=\"badge b-bad\">does not compile</span>"));
    assertTrue(html.contains("<h2>The submission does not compile</h2>"));
    assertTrue(html.contains("2 compile errors in the submission"));
    assertTrue(html.contains("<td class=\"mono nowrap\">src/main/java/com/acme/ratelimit/RateLimiter.java:17:9</td>"
        + "<td><pre>cannot find symbol\n  symbol:   class Bucket\n"));
    assertTrue(html.contains("src/main/java/com/acme/ratelimit/Clock.java:3:1"));
    assertFalse(html.contains("id=\"lost-points\""));
    assertFalse(html.contains("id=\"categories\""), "no empty bars when nothing ran");
    assertFalse(html.contains("checks passed"));
  }

  @Test
  void infrastructureErrorSaysNotGradedNotTheCandidatesFaultAndWhy() {
    String html = HtmlReport.render(SampleReports.infrastructureError());
    assertTrue(html.contains("<span class=\"big words\">Not graded</span>"));
    assertTrue(html.contains("<span class=\"badge b-warn\">infrastructure error</span>"));
    assertTrue(html.contains("no PostgreSQL server: Docker not found and the embedded server did not start"));
    assertTrue(html.contains("this is not the candidate&#39;s fault"));
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
        double track = bar.findElement(By.cssSelector("rect.track")).getRect().getWidth();
        double fill = bar.findElement(By.cssSelector("rect.fill")).getRect().getWidth();
        assertTrue(track > 200, "the bar of " + c.id() + " is wide enough to read: " + track + " px");
        assertEquals(c.score() / c.maxScore(), fill / track, 0.01, "bar of " + c.id() + ": " + fill + " of " + track);
      }

      List<TestScore> lost = r.tests().stream().filter(t -> !t.passed()).toList();
      List<WebElement> rows = d.findElements(By.cssSelector("#lost-points tr.lost"));
      assertEquals(lost.size(), rows.size());
      Map<String, WebElement> byName = rows.stream().collect(Collectors.toMap(
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
      assertTrue(trace.findElement(By.tagName("pre")).getText().startsWith("org.opentest4j.AssertionFailedError"));

      assertEquals(3, d.findElements(By.cssSelector("#flags tr.flag")).size());
      assertTrue(d.findElement(By.id("run-ending")).getText().contains("The run timed out"));
      assertTrue(d.findElement(By.id("changes")).getText().contains("+312 / −40 lines"));
      assertTrue(Files.size(chromium.screenshot(OUT.resolve("report.png"))) > 20_000);

      // printed, folded output and traces are unfolded
      // (WebDriver's isDisplayed() calls anything in a closed <details> hidden, so the boxes are measured instead)
      WebElement folded = byName.get("ConcurrencyTest.fairAcrossClients").findElement(By.tagName("details"));
      int summary = folded.findElement(By.tagName("summary")).getRect().getHeight();
      assertTrue(folded.getRect().getHeight() < summary + 5, "folded on screen: " + folded.getRect().getHeight());
      chromium.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
      assertTrue(folded.getRect().getHeight() > summary + 20, "a folded trace is printed: " + folded.getRect().getHeight());
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
      assertEquals("does not compile", d.findElement(By.cssSelector("#summary .badge")).getText());
      List<WebElement> errors = d.findElements(By.cssSelector("#compilation tbody tr"));
      assertEquals(2, errors.size());
      List<WebElement> cells = errors.get(0).findElements(By.tagName("td"));
      assertEquals("src/main/java/com/acme/ratelimit/RateLimiter.java:17:9", cells.get(0).getText());
      assertTrue(cells.get(1).getText().startsWith("cannot find symbol\n  symbol:   class Bucket"), cells.get(1).getText());
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

  private static Path write(String name, String html) throws IOException {
    Files.createDirectories(OUT);
    return Files.writeString(OUT.resolve(name), html);
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
