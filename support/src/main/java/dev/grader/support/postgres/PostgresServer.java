package dev.grader.support.postgres;

/**
 * A running PostgreSQL server that tests can have fresh databases on. Obtain one from
 * {@link PostgresServers#start(PostgresSettings)}; closing it stops the server it started (an external
 * server is left running).
 */
public interface PostgresServer extends AutoCloseable {

    /** Which kind of server this is: {@link PostgresMode#URL}, {@link PostgresMode#TESTCONTAINERS} or {@link PostgresMode#EMBEDDED}. */
    PostgresMode kind();

    /**
     * Which server was used, for people, never with a password: "embedded PostgreSQL 16.4 (zonky)",
     * "Testcontainers postgres:16.4-alpine", "external server jdbc:postgresql://host:5432/postgres".
     */
    String description();

    /** JDBC URL of a database on this server. */
    String jdbcUrl(String database);

    /** User for {@link #jdbcUrl(String)}; may be {@code null} for an external server whose URL carries it. */
    String user();

    /** Password for {@link #jdbcUrl(String)}; may be {@code null} or empty. */
    String password();

    /**
     * Creates an empty database.
     *
     * @param name 1 to 63 characters a-z, 0-9 and _, not starting with a digit
     * @throws IllegalArgumentException for another name
     * @throws IllegalStateException if the server refuses (the message says why)
     */
    void createDatabase(String name);

    /**
     * Creates an empty database and a login role of its own (random name and password) that owns it: the role may
     * create tables, indexes, sequences and schemas in it, and nothing beyond it (no superuser, CREATEDB, CREATEROLE,
     * REPLICATION or BYPASSRLS; in no predefined role such as {@code pg_execute_server_program}; only it may connect
     * to the database). On a server this object started, PUBLIC may no longer connect to {@code postgres} and
     * {@code template1} either. The user of {@link #jdbcUrl(String)} needs CREATEDB and CREATEROLE, or superuser.
     *
     * @throws IllegalStateException if the server refuses (the message says why)
     */
    PrivateDatabase createPrivateDatabase(String name);

    /**
     * Ends the role's sessions, drops the database, then the role; a database or role already gone is fine.
     *
     * @throws IllegalStateException if the server refuses
     */
    void dropPrivateDatabase(PrivateDatabase database);

    /** Drops a database if it exists, disconnecting its sessions first. */
    void dropDatabase(String name);

    /** Stops the server if this object started it. Calling it again does nothing. */
    @Override
    void close();
}
