package dev.grader.support.postgres;

import java.util.regex.Pattern;

/** Small helpers for {@code jdbc:postgresql:} URLs. */
public final class JdbcUrls {

    private static final String PREFIX = "jdbc:postgresql:";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private JdbcUrls() {}

    /**
     * The same server and parameters with another database:
     * {@code jdbc:postgresql://h:5432/postgres?ssl=true} and {@code db1} give
     * {@code jdbc:postgresql://h:5432/db1?ssl=true}.
     *
     * @throws IllegalArgumentException if {@code url} is not a {@code jdbc:postgresql:} URL
     */
    public static String withDatabase(String url, String database) {
        Parts parts = parse(url);
        return PREFIX + "//" + parts.hosts + "/" + database + parts.query;
    }

    /**
     * The URL without its parameters (which may carry a password), for messages:
     * {@code jdbc:postgresql://h:5432/postgres}.
     */
    public static String redact(String url) {
        try {
            Parts parts = parse(url);
            return PREFIX + "//" + parts.hosts + "/" + parts.database;
        } catch (IllegalArgumentException e) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }

    /** Whether {@code name} is a lower-case identifier PostgreSQL takes without quoting problems. */
    public static boolean isSafeDatabaseName(String name) {
        return name != null && DATABASE_NAME.matcher(name).matches();
    }

    static String requireSafeDatabaseName(String name) {
        if (!isSafeDatabaseName(name)) {
            throw new IllegalArgumentException("Database name '" + name
                    + "' is not allowed: use 1 to 63 characters a-z, 0-9 and _, not starting with a digit");
        }
        return name;
    }

    private record Parts(String hosts, String database, String query) {}

    private static Parts parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "Not a PostgreSQL JDBC URL (expected " + PREFIX + "//host:port/database): " + url);
        }
        String rest = url.substring(PREFIX.length());
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q);
        String path = q < 0 ? rest : rest.substring(0, q);
        if (!path.startsWith("//")) {
            // jdbc:postgresql:database or jdbc:postgresql:/ : localhost, default port
            String database = path.startsWith("/") ? path.substring(1) : path;
            return new Parts("localhost", database, query);
        }
        String authority = path.substring(2);
        int slash = authority.indexOf('/');
        String hosts = slash < 0 ? authority : authority.substring(0, slash);
        String database = slash < 0 ? "" : authority.substring(slash + 1);
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        return new Parts(hosts, database, query);
    }
}
