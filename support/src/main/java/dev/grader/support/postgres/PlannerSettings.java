package dev.grader.support.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Session defaults of a test database that change how PostgreSQL plans a query, never what a query defines as its
 * result: for hidden suites whose data would otherwise always be read in an index's order.
 */
public final class PlannerSettings {

    /** The planner settings {@link #withoutIndexes} turns off. */
    static final List<String> INDEX_SCANS = List.of("enable_indexscan", "enable_indexonlyscan", "enable_bitmapscan");

    private PlannerSettings() {}

    /**
     * Every session opened on {@code database}'s database from now on plans without index scans, as a database may for a deep page of a large table: rows that tie on an ORDER BY come back
     * in whatever order a sort leaves them, not in an index's, so only a query that names its tie-break gets a
     * defined order. Sessions already open keep their settings, even after a reset. The database's owner may do this (a grade's private
     * database is owned by its role).
     */
    public static void withoutIndexes(DataSource database) {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            String name;
            try (ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                name = rs.getString(1).replace("\"", "\"\"");
            }
            for (String setting : INDEX_SCANS) {
                s.execute("ALTER DATABASE \"" + name + "\" SET " + setting + " = off");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the test database's planner settings: " + e.getMessage(), e);
        }
    }
}
