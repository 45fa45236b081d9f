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

  /** Drops a database if it exists, disconnecting its sessions first. */
  void dropDatabase(String name);

  /** Stops the server if this object started it. Calling it again does nothing. */
  @Override
  void close();
}
