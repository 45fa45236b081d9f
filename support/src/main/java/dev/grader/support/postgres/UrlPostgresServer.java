package dev.grader.support.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An external server given by a JDBC URL. The URL's database is the administrative connection; fresh
 * databases are created on the same server. Closing it leaves the server running.
 */
final class UrlPostgresServer extends AbstractPostgresServer {

    private final String url;
    private final String user;
    private final String password;

    private UrlPostgresServer(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Connects once to check that the server answers and that the user may create databases.
     *
     * @throws SQLException with the driver's message when the server refuses
     * @throws IllegalStateException when the user lacks CREATEDB
     */
    static UrlPostgresServer connect(String url, String user, String password) throws SQLException {
        UrlPostgresServer server = new UrlPostgresServer(url, user, password);
        try (Connection c = server.adminConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT rolcreatedb OR rolsuper, current_user FROM pg_roles WHERE rolname = current_user")) {
            if (rs.next() && !rs.getBoolean(1)) {
                throw new IllegalStateException(
                        "user " + rs.getString(2) + " may not create databases (needs CREATEDB)");
            }
        }
        return server;
    }

    @Override
    public PostgresMode kind() {
        return PostgresMode.URL;
    }

    @Override
    public String description() {
        return "external server " + JdbcUrls.redact(url);
    }

    @Override
    public String jdbcUrl(String database) {
        return JdbcUrls.withDatabase(url, database);
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    String adminUrl() {
        return url;
    }

    @Override
    boolean ownsServer() {
        return false;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
