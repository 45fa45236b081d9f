package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Planner settings on a real PostgreSQL: sessions opened afterwards, new or reused, plan without indexes. */
@Tag("database")
class PlannerSettingsTest {

    private final DataSource database = TestDatabase.newDatabase();

    @Test
    void laterSessionsNewOrReusedPlanWithoutIndexes() throws SQLException {
        DataSource reused = ReusedConnections.over(database);
        try (Connection c = reused.getConnection()) {
            assertEquals("on", show(c, "enable_indexscan"), "the server's default, before");
        } // idle in the pool, opened before the change

        PlannerSettings.withoutIndexes(database);

        try (Connection c = database.getConnection()) {
            for (String setting : PlannerSettings.INDEX_SCANS) {
                assertEquals("off", show(c, setting), setting + " of a new session");
            }
        }
        try (Connection c = reused.getConnection()) {
            for (String setting : PlannerSettings.INDEX_SCANS) {
                assertEquals("on", show(c, setting), setting + " of the session opened before");
            }
        }
        try (Connection a = reused.getConnection();
                Connection b = reused.getConnection()) {
            assertEquals("off", show(b, "enable_bitmapscan"), "a session the pool opens now");
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
