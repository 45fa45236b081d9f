package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostgresModeTest {

    @Test
    void parsesEveryModeIgnoringCaseAndBlanks() {
        assertEquals(PostgresMode.AUTO, PostgresMode.parse("auto"));
        assertEquals(PostgresMode.URL, PostgresMode.parse("URL"));
        assertEquals(PostgresMode.TESTCONTAINERS, PostgresMode.parse(" TestContainers "));
        assertEquals(PostgresMode.EMBEDDED, PostgresMode.parse("embedded"));
    }

    @Test
    void absentOrBlankMeansAuto() {
        assertEquals(PostgresMode.AUTO, PostgresMode.parse(null));
        assertEquals(PostgresMode.AUTO, PostgresMode.parse("  "));
    }

    @Test
    void unknownValueIsRefusedWithTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresMode.parse("docker"));
        assertTrue(e.getMessage().contains("'docker'"), e.getMessage());
        assertTrue(e.getMessage().contains("auto, url, testcontainers, embedded"), e.getMessage());
        assertTrue(e.getMessage().contains("GRADER_DB"), e.getMessage());
    }
}
