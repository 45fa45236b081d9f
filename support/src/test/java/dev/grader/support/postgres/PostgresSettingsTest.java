package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void emptyEnvironmentMeansAutoWithoutUrl() {
        PostgresSettings s = PostgresSettings.fromEnvironment(Map.of());
        assertEquals(new PostgresSettings(PostgresMode.AUTO, null, null, null), s);
    }

    @Test
    void aUrlWithAutoModeMeansUrl() {
        PostgresSettings s = PostgresSettings.fromEnvironment(Map.of(
                "GRADER_DB_URL",
                "jdbc:postgresql://db:5432/postgres",
                "GRADER_DB_USER",
                "grader",
                "GRADER_DB_PASSWORD",
                "s3cret"));
        assertEquals(
                new PostgresSettings(PostgresMode.URL, "jdbc:postgresql://db:5432/postgres", "grader", "s3cret"), s);

        PostgresSettings explicitAuto = PostgresSettings.fromEnvironment(
                Map.of("GRADER_DB", "auto", "GRADER_DB_URL", "jdbc:postgresql://db/postgres"));
        assertEquals(PostgresMode.URL, explicitAuto.mode());
    }

    @Test
    void aForcedModeStaysEvenWithAUrl() {
        PostgresSettings s = PostgresSettings.fromEnvironment(
                Map.of("GRADER_DB", "embedded", "GRADER_DB_URL", "jdbc:postgresql://db/postgres"));
        assertEquals(PostgresMode.EMBEDDED, s.mode());
        assertEquals(PostgresMode.EMBEDDED, s.effectiveMode());
        assertEquals("jdbc:postgresql://db/postgres", s.url());
    }

    @Test
    void blanksAreAbsent() {
        PostgresSettings s = PostgresSettings.fromEnvironment(
                Map.of("GRADER_DB", " ", "GRADER_DB_URL", "  ", "GRADER_DB_USER", "", "GRADER_DB_PASSWORD", ""));
        assertEquals(PostgresMode.AUTO, s.mode());
        assertNull(s.url());
        assertNull(s.user());
        assertNull(s.password());
    }

    @Test
    void unknownModeIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PostgresSettings.fromEnvironment(Map.of("GRADER_DB", "podman")));
        assertTrue(e.getMessage().contains("allowed: auto, url, testcontainers, embedded"), e.getMessage());
    }

    @Test
    void toStringHidesThePassword() {
        PostgresSettings s = PostgresSettings.url("jdbc:postgresql://db/postgres?password=inurl", "grader", "s3cret");
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertFalse(s.toString().contains("inurl"), s.toString());
    }

    @Test
    void nullModeMeansAuto() {
        assertEquals(PostgresMode.AUTO, new PostgresSettings(null, null, null, null).mode());
    }
}
