package dev.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.HeadlessChromium;
import dev.grader.TestTiers;
import dev.grader.model.SimilarityEvidence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The similarity section as a person sees it in Chromium: the caution, and the two sides of a match side by side. */
@TestTiers.Browser
class SimilarityBrowserTest {

    private static final Path OUT = Path.of("target/similarity-html").toAbsolutePath();

    @Test
    void matchingCodeIsShownSideBySideUnderTheCaution() throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("report.html");
        Files.writeString(page, HtmlReport.render(SimilaritySectionTest.withSimilarity()), StandardCharsets.UTF_8);
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver d = chromium.driver();
            chromium.open(page);
            WebElement section = d.findElement(By.id("similarity"));
            assertTrue(
                    section.findElement(By.cssSelector("p.caution")).getText().startsWith(SimilarityEvidence.CAUTION));
            WebElement side = section.findElement(By.cssSelector("article.similar-pair .side"));
            Rectangle left = side.findElement(By.cssSelector(".this pre")).getRect();
            Rectangle right = side.findElement(By.cssSelector(".that pre")).getRect();
            assertEquals(left.getY(), right.getY(), "both sides start on the same line");
            assertTrue(
                    left.getX() + left.getWidth() <= right.getX(),
                    "this submission left, the other right: " + left.getX() + "+" + left.getWidth() + " vs "
                            + right.getX());
            assertTrue(
                    left.getWidth() > 250 && right.getWidth() > 250,
                    "each side wide enough to read: " + left.getWidth());
            List<String> lines = List.of(
                    side.findElement(By.cssSelector(".this pre")).getText().split("\n"));
            assertEquals("long[] slot = drainedSince.get(key);", lines.get(0));
            assertTrue(lines.get(2).contains("<script>"), "the candidate's code shown as text: " + lines);
            chromium.screenshot(OUT.resolve("similarity.png"));
        }
    }
}
