package dev.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Evidence for a person: something in the submission that a reviewer should look at (a changed protected
 * file, an added dependency, a {@code System.exit}, reflection on private members...). Flags never change
 * the score by themselves; they are listed in every report format.
 *
 * @param kind a stable, kebab-case identifier (for example {@code protected-file-changed}, {@code system-exit})
 * @param severity {@code info}, {@code warning} or {@code alert}
 * @param file the file, relative to the submission's root; {@code null} when the flag is about the whole run
 * @param line the 1-based line in {@code file}; {@code null} when not about one line
 * @param message one sentence for people
 */
public record Flag(String kind, Severity severity, String file, Integer line, String message) {

    /** How much a reviewer should care. */
    public enum Severity {
        /** Context: worth knowing, nothing wrong by itself. */
        INFO,
        /** Worth a look: a changed protected file, an added dependency. */
        WARNING,
        /** Look first: code that reaches for the JVM, the machine or the grader. */
        ALERT;

        /** As the reports write it: {@code info}, {@code warning}, {@code alert}. */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return id();
        }
    }

    public static final Severity INFO = Severity.INFO;
    public static final Severity WARNING = Severity.WARNING;
    public static final Severity ALERT = Severity.ALERT;

    public Flag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
    }

    /** {@code file:line}, {@code file}, or empty. */
    public String location() {
        if (file == null) {
            return "";
        }
        return line == null ? file : file + ":" + line;
    }
}
