package dev.grader;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, headless, driven through its own chromedriver for browser tests of the HTML reports.
 * Both binaries are given to Selenium, so Selenium Manager never downloads anything. When either is missing the
 * test fails and says how to install them.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Width of the window: a laptop screen. */
    public static final int WIDTH = 1280;

    private static final Path CHROMIUM = Path.of(env("GRADER_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(env("GRADER_CHROMEDRIVER", "/usr/bin/chromedriver"));

    /**
     * Selenium looks for a DevTools (CDP) binding of the browser's version and warns when it has none; these tests
     * use plain WebDriver only, so the warning is noise. Held here so the setting is not garbage-collected.
     */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a fresh browser (a new, empty profile) or fails the test with how to get one. */
    public static HeadlessChromium start() throws IOException {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER)
                .filter(p -> !Files.isExecutable(p))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            fail("The browser tests of the HTML reports need Chromium and chromedriver; not found: "
                    + String.join(" and ", missing)
                    + ". Install them with `apt-get install -y chromium chromium-driver` (Debian; "
                    + ".ci/run does this), or point GRADER_CHROMIUM and GRADER_CHROMEDRIVER at a Chromium and the "
                    + "chromedriver of the same version.");
        }
        Path profile = Files.createTempDirectory("grader-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--window-size=" + WIDTH + ",900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .withTimeout(Duration.ofSeconds(30))
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(driver, profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw new AssertionError(
                    "Chromium (" + CHROMIUM + ") did not start through " + CHROMEDRIVER + ": " + e.getMessage(), e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a local file. */
    public void open(Path file) {
        driver.get(file.toAbsolutePath().toUri().toString());
    }

    /** A screenshot of the whole page (the window grows to the page's height first), written as PNG. */
    public Path screenshot(Path png) throws IOException {
        Object height = driver.executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        int h = Math.min(16_000, Math.max(600, ((Number) height).intValue()));
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(WIDTH, h));
        Object inner = driver.executeScript("return window.innerHeight");
        int chrome = h - ((Number) inner).intValue();
        if (chrome > 0) {
            driver.manage().window().setSize(new Dimension(WIDTH, h + chrome));
        }
        try {
            driver.executeScript("window.scrollTo(0, 0)");
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(before);
        }
        return png;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete the browser profile " + root + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
