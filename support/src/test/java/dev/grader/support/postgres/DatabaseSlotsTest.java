package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.support.docker.DockerProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** JVMs that start alike each take a database of their own from the slots the grader lists (PIT's minions). */
@Tag("database")
class DatabaseSlotsTest {

    private static PostgresServer server;
    private static PrivateDatabase one;
    private static PrivateDatabase two;

    @BeforeAll
    static void start() throws PostgresUnavailableException {
        server = PostgresServers.start(
                PostgresSettings.of(PostgresMode.EMBEDDED), DockerProbe.fixed(false, "not asked"));
        one = server.createPrivateDatabase("slot_one");
        two = server.createPrivateDatabase("slot_two");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void release() {
        DatabaseSlots.releaseAll();
    }

    private static Properties slots() {
        Properties p = new Properties();
        p.setProperty(TestDatabase.SLOTS_PROPERTY, "2");
        int i = 1;
        for (PrivateDatabase db : new PrivateDatabase[] {one, two}) {
            p.setProperty(TestDatabase.URL_PROPERTY + "." + i, server.jdbcUrl(db.name()));
            p.setProperty(TestDatabase.USER_PROPERTY + "." + i, db.role());
            p.setProperty(TestDatabase.PASSWORD_PROPERTY + "." + i, db.password());
            i++;
        }
        p.setProperty(TestDatabase.KIND_PROPERTY, "embedded");
        return p;
    }

    private static String database(Properties claimed) throws Exception {
        try (Connection c = AbstractPostgresServer.openConnection(
                        claimed.getProperty(TestDatabase.URL_PROPERTY),
                        claimed.getProperty(TestDatabase.USER_PROPERTY),
                        claimed.getProperty(TestDatabase.PASSWORD_PROPERTY));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void claimsWhileTheFirstIsHeldTakeTheNextThenNoneIsLeft() throws Exception {
        Properties first = DatabaseSlots.claim(slots(), Duration.ZERO);
        Properties second = DatabaseSlots.claim(slots(), Duration.ZERO);
        assertEquals("slot_one", database(first));
        assertEquals("slot_two", database(second));
        assertEquals("embedded", second.getProperty(TestDatabase.KIND_PROPERTY));
        IllegalStateException none =
                assertThrows(IllegalStateException.class, () -> DatabaseSlots.claim(slots(), Duration.ofMillis(300)));
        assertTrue(none.getMessage().contains("no database slot of 2 could be had"), none.getMessage());
    }

    @Test
    void aSlotIsFreeAgainOnceTheSessionHoldingItEnded() throws Exception {
        assertEquals("slot_one", database(DatabaseSlots.claim(slots(), Duration.ZERO)));
        DatabaseSlots.releaseAll();
        assertEquals("slot_one", database(DatabaseSlots.claim(slots(), Duration.ZERO)));
    }

    @Test
    void aSlotWithoutItsUrlIsAClearError() {
        Properties p = slots();
        p.remove(TestDatabase.URL_PROPERTY + ".2");
        p.setProperty(TestDatabase.SLOTS_PROPERTY, "3");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> DatabaseSlots.claim(p, Duration.ZERO));
        assertTrue(e.getMessage().contains("without grader.db.url.2"), e.getMessage());
    }
}
