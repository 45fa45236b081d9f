package dev.grader.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of the grader. */
public final class GraderInfo {

    private static final Properties PROPS = load();

    private GraderInfo() {}

    public static String version() {
        return PROPS.getProperty("version", "dev");
    }

    /** The JUnit Platform version the grader's own test-JVM runner was built against. */
    public static String junitPlatformVersion() {
        return PROPS.getProperty("junit.platform", "1.11.4");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = GraderInfo.class.getResourceAsStream("/dev/grader/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
