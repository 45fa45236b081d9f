package dev.grader.support.policy;

import static java.util.Objects.requireNonNull;

/**
 * A use of a forbidden API.
 *
 * @param rule the id of the rule broken
 * @param api the API used, dotted ({@code java.lang.reflect.Field.setAccessible}); what an exercise may allow
 * @param file the source file the class file was compiled from ({@code com/acme/Tuning.java}), or the resource
 * @param line the source line, or 0 when unknown
 * @param origin where the byte code was found when it was not compiled from the submission's sources (a class
 *     file or jar in {@code src/main/resources}); null otherwise
 */
public record Finding(String rule, String api, String file, int line, String origin) {

    public Finding {
        requireNonNull(rule, "rule");
        requireNonNull(api, "api");
        requireNonNull(file, "file");
    }

    /** {@code file:line}, or the file alone. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }

    /** For example "uses java.lang.reflect.Field.setAccessible at com/acme/Tuning.java:41 [access-override]". */
    @Override
    public String toString() {
        return "uses " + api + " at " + location() + (origin == null ? "" : " (in " + origin + ")") + " [" + rule + "]";
    }
}
