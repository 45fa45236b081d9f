package dev.grader.model;

import static java.util.Objects.requireNonNull;

/**
 * A use of an API the code policy forbids (see {@link GradeStatus#POLICY_VIOLATION}). The candidate's own code
 * and the rule it broke: shown to every audience.
 *
 * @param rule the rule's id ({@code access-override}, {@code jvm-exit}, ...)
 * @param summary what the rule forbids, for people
 * @param api the API used ({@code java.lang.reflect.Field.setAccessible}, {@code jar file})
 * @param file the source file the class was compiled from ({@code com/acme/Tuning.java}), or the resource
 * @param line the source line; null when unknown
 * @param origin where the byte code was found when not compiled from the sources (a class file or jar in
 *     {@code src/main/resources}); null otherwise
 */
public record PolicyViolation(String rule, String summary, String api, String file, Integer line, String origin) {

    public PolicyViolation {
        requireNonNull(rule, "rule");
        requireNonNull(api, "api");
        requireNonNull(file, "file");
    }

    /** {@code file:line}, or the file alone. */
    public String location() {
        return line == null ? file : file + ":" + line;
    }

    /** "uses java.lang.System.exit at com/acme/Limiter.java:12", with the resource it came from if any. */
    public String text() {
        return "uses " + api + " at " + location() + (origin == null ? "" : " (in " + origin + ")");
    }
}
