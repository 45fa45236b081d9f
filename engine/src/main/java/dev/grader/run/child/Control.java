package dev.grader.run.child;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The grader's lines to the test JVM, after the JVM's {@link Event#HELLO}: a {@code prop KEY VALUE} line per system
 * property to set (both URL-encoded), then {@value #GO}; later, only {@value #ALONE}, the answer to an
 * {@link Event#ALONE}. Nothing else is ever sent.
 */
public final class Control {

    /** Run the tests. */
    public static final String GO = "go";

    /** Run the isolated classes now: no other test JVM of the grader runs isolated classes until this one ends. */
    public static final String ALONE = "alone";

    private static final String PROP = "prop ";

    private Control() {}

    /** The line that sets system property {@code key} to {@code value}. */
    public static String property(String key, String value) {
        return PROP + URLEncoder.encode(key, StandardCharsets.UTF_8) + " "
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The property a {@link #property} line sets, or null when {@code line} is not one. */
    public static Map.Entry<String, String> parseProperty(String line) {
        if (line == null || !line.startsWith(PROP)) {
            return null;
        }
        String[] parts = line.split(" ", 3);
        if (parts.length != 3) {
            return null;
        }
        return Map.entry(
                URLDecoder.decode(parts[1], StandardCharsets.UTF_8),
                URLDecoder.decode(parts[2], StandardCharsets.UTF_8));
    }
}
