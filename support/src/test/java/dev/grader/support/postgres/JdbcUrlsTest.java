package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseAndKeepsParameters() {
        assertEquals(
                "jdbc:postgresql://h:5432/db1?ssl=true&password=x",
                JdbcUrls.withDatabase("jdbc:postgresql://h:5432/postgres?ssl=true&password=x", "db1"));
        assertEquals(
                "jdbc:postgresql://h1:5432,h2:5433/db1",
                JdbcUrls.withDatabase("jdbc:postgresql://h1:5432,h2:5433/postgres", "db1"));
        assertEquals("jdbc:postgresql://h/db1", JdbcUrls.withDatabase("jdbc:postgresql://h", "db1"));
        assertEquals("jdbc:postgresql://h/db1?user=u", JdbcUrls.withDatabase("jdbc:postgresql://h/?user=u", "db1"));
        assertEquals("jdbc:postgresql://localhost/db1", JdbcUrls.withDatabase("jdbc:postgresql:postgres", "db1"));
    }

    @Test
    void redactionDropsParameters() {
        String redacted = JdbcUrls.redact("jdbc:postgresql://h:5432/postgres?user=u&password=secret");
        assertEquals("jdbc:postgresql://h:5432/postgres", redacted);
        assertFalse(JdbcUrls.redact("jdbc:mysql://h/x?password=secret").contains("secret"));
    }

    @Test
    void refusesOtherUrls() {
        assertThrows(IllegalArgumentException.class, () -> JdbcUrls.withDatabase("jdbc:mysql://h/x", "db"));
    }

    @Test
    void databaseNamesAreChecked() {
        assertTrue(JdbcUrls.isSafeDatabaseName("grader_test_1_2_abc"));
        assertFalse(JdbcUrls.isSafeDatabaseName("Robert\"; DROP DATABASE x; --"));
        assertFalse(JdbcUrls.isSafeDatabaseName("1abc"));
        assertFalse(JdbcUrls.isSafeDatabaseName("a".repeat(64)));
        assertTrue(JdbcUrls.isSafeDatabaseName(TestDatabase.freshName()), TestDatabase.freshName());
    }
}
