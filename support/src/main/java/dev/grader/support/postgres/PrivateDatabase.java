package dev.grader.support.postgres;

import java.util.Objects;

/**
 * A fresh database owned by a login role of its own, made for one user of the server (one graded submission): the
 * role may do what the database's owner may (tables, indexes, sequences, schemas in it) and nothing else: it is
 * no superuser, may not create databases or roles, is in none of the predefined roles that reach the server's
 * files or programs, and only it may connect to the database. See {@link PostgresServer#createPrivateDatabase}.
 *
 * @param name the database
 * @param role the login role that owns it (a random name)
 * @param password the role's password (random)
 */
public record PrivateDatabase(String name, String role, String password) {

    public PrivateDatabase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(password, "password");
        JdbcUrls.requireSafeDatabaseName(name);
        JdbcUrls.requireSafeDatabaseName(role);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "database " + name + " owned by role " + role;
    }
}
