package dev.grader.support.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The SQL that gives a database a login role of its own and takes both away again, run on an administrative
 * connection of a superuser (or of a user with CREATEDB and CREATEROLE).
 */
final class PrivateDatabases {

    /**
     * The attributes of every role handed out: none of the powers a test has no use for. The role is granted no
     * other role, so INHERIT gives it only what PostgreSQL 15 and later give a database's owner through the implicit
     * {@code pg_database_owner} membership: CREATE on its database's {@code public} schema. With NOINHERIT a
     * PostgreSQL 15 server refuses the owner its own {@code public} schema (16 no longer applies the attribute to
     * that implicit membership).
     */
    static final String ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";

    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateDatabases() {}

    /** A random role name {@code grader_r_<24 hex>}, and a random password of 48 hex digits. */
    static PrivateDatabase newIdentity(String database) {
        return new PrivateDatabase(database, "grader_r_" + hex(12), hex(24));
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Creates the role (its password stored as a SCRAM secret of {@link ScramSecret#GRADER_ITERATIONS}: a login
     * costs the test almost nothing), then the database owned by it with {@code createOptions}, then takes CONNECT and TEMP on it
     * from PUBLIC (the owner keeps them). A failure drops what was made.
     */
    static void create(Connection admin, PrivateDatabase db, String createOptions) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE \"" + db.role() + "\" " + ROLE_ATTRIBUTES + " PASSWORD '"
                    + ScramSecret.of(db.password(), ScramSecret.GRADER_ITERATIONS) + "'");
            try {
                if (!isSuperuser(s)) {
                    // CREATE DATABASE ... OWNER needs the creator to be able to act as the owner (PostgreSQL 16: SET
                    // ROLE).
                    s.execute("GRANT \"" + db.role() + "\" TO CURRENT_USER");
                }
                s.execute("CREATE DATABASE \"" + db.name() + "\" OWNER \"" + db.role() + "\"" + createOptions);
                s.execute("REVOKE ALL ON DATABASE \"" + db.name() + "\" FROM PUBLIC");
            } catch (SQLException e) {
                try {
                    s.execute("DROP DATABASE IF EXISTS \"" + db.name() + "\"");
                    s.execute("DROP ROLE IF EXISTS \"" + db.role() + "\"");
                } catch (SQLException ignored) {
                    // reporting the first problem
                }
                throw e;
            }
        }
    }

    /** Ends the role's sessions, drops the database ({@code dropDatabase}), then the role. */
    static void drop(Connection admin, PrivateDatabase db, Runnable dropDatabase) throws SQLException {
        try (Statement s = admin.createStatement()) {
            terminateSessions(s, db.role());
            dropDatabase.run();
            terminateSessions(s, db.role()); // one that connected in between
            s.execute("DROP ROLE IF EXISTS \"" + db.role() + "\"");
        }
    }

    private static void terminateSessions(Statement s, String role) throws SQLException {
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'"
                + " AND pid <> pg_backend_pid()");
    }

    /**
     * Takes CONNECT on the maintenance databases ({@code postgres}, {@code template1}) from PUBLIC, so a handed-out
     * role reaches its own database only. Only for servers the grader started: on a server of the user's own this
     * would change what its other users may do.
     */
    static void lockMaintenanceDatabases(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC");
            s.execute("REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC");
        }
    }

    private static boolean isSuperuser(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
