package dev.grader.support.postgres;

import dev.grader.support.docker.ContainerImages;
import dev.grader.support.docker.ContainerNames;
import dev.grader.support.docker.LocalImages;
import dev.grader.support.docker.TestcontainersSetup;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.containers.PostgreSQLContainer;

/** A PostgreSQL container started by Testcontainers' PostgreSQL module. */
final class TestcontainersPostgresServer extends AbstractPostgresServer {

    private static final int POSTGRES_PORT = 5432;

    private final PostgreSQLContainer<?> container;
    private final String image;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Where the published port answers ({@link TestcontainersSetup#host()}), never a guessed bridge address. */
    private static volatile String host = TestcontainersSetup.LOOPBACK;

    private TestcontainersPostgresServer(PostgreSQLContainer<?> container, String image) {
        this.container = container;
        this.image = image;
    }

    /** Starts a container of {@code image} (for example {@link PostgresServers#TESTCONTAINERS_IMAGE}) and waits until it answers. */
    static TestcontainersPostgresServer start(String image) throws SQLException {
        LocalImages.ensure(image, "--db-image or $" + ContainerImages.ENV_DATABASE, System.err::println);
        @SuppressWarnings("resource") // closed by close(), or below when the start fails
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(ContainerImages.substitute(image, "postgres"));
        container.withLabel(TestcontainersSetup.LABEL, "database");
        container.withCreateContainerCmdModifier(cmd -> cmd.withName(ContainerNames.next("db")));
        container.withCommand(
                "postgres",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "max_connections=300");
        container.withStartupTimeout(Duration.ofMinutes(3));
        try {
            container.start();
            host = TestcontainersSetup.host();
            TestcontainersPostgresServer server = new TestcontainersPostgresServer(container, image);
            try (Connection c = server.adminConnection()) {
                serverVersion(c); // answers
            }
            return server;
        } catch (RuntimeException | SQLException e) {
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // reporting the first problem
            }
            throw e;
        }
    }

    @Override
    public PostgresMode kind() {
        return PostgresMode.TESTCONTAINERS;
    }

    @Override
    public String description() {
        return "Testcontainers " + image;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + container.getMappedPort(POSTGRES_PORT) + "/" + database;
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    String adminUrl() {
        return jdbcUrl("postgres");
    }

    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            container.stop();
        }
    }
}
