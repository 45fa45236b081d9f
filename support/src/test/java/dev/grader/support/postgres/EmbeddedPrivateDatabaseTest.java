package dev.grader.support.postgres;

import dev.grader.support.docker.DockerProbe;
import org.junit.jupiter.api.Tag;

/** The handed-out role on the embedded PostgreSQL (the grader's default server). */
@Tag("database")
class EmbeddedPrivateDatabaseTest extends PrivateDatabaseContract {

    @Override
    PostgresServer startServer() throws PostgresUnavailableException {
        return PostgresServers.start(PostgresSettings.of(PostgresMode.EMBEDDED), DockerProbe.fixed(false, "not asked"));
    }
}
