package dev.grader.support.postgres;

import java.util.List;
import java.util.stream.Collectors;

/** No PostgreSQL server could be had; the message says why for every option tried. */
public class PostgresUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** One option and why it did not give a server. */
    public record Attempt(PostgresMode mode, String reason) {
        @Override
        public String toString() {
            return label(mode) + ": " + reason;
        }
    }

    private final transient List<Attempt> attempts;

    public PostgresUnavailableException(PostgresSettings settings, List<Attempt> attempts, Throwable cause) {
        super(message(settings, attempts), cause);
        this.attempts = List.copyOf(attempts);
    }

    /** The options in the order they were considered. */
    public List<Attempt> attempts() {
        return attempts;
    }

    static String label(PostgresMode mode) {
        return switch (mode) {
            case URL -> "external server (" + PostgresSettings.ENV_URL + ")";
            case TESTCONTAINERS -> "Testcontainers";
            case EMBEDDED -> "embedded PostgreSQL (zonky)";
            case AUTO -> "auto";
        };
    }

    private static String message(PostgresSettings settings, List<Attempt> attempts) {
        String tried = attempts.stream().map(a -> "  - " + a).collect(Collectors.joining("\n"));
        return "No PostgreSQL server available (" + PostgresSettings.ENV_MODE + "="
                + settings.mode().id() + "):\n"
                + tried + "\n"
                + "Options: start Docker (Testcontainers), or point " + PostgresSettings.ENV_URL
                + " at a server of your own (for example jdbc:postgresql://localhost:5432/postgres, with "
                + PostgresSettings.ENV_USER + "/" + PostgresSettings.ENV_PASSWORD
                + "; the user needs CREATEDB), or force one option with " + PostgresSettings.ENV_MODE + "="
                + PostgresMode.allowedValues().replace(", ", "|") + ".";
    }
}
