package dev.grader.support.postgres;

import dev.grader.support.docker.DockerProbe;
import org.junit.jupiter.api.Tag;

/**
 * The handed-out role on a Testcontainers PostgreSQL ({@code $GRADER_DB_IMAGE} or the pinned official image), whose
 * major version may differ from the embedded one: scripts/docker-host.sh builds PostgreSQL 15 from Debian's packages.
 * Fails, never skips, without a Docker engine.
 */
@Tag("docker")
class TestcontainersPrivateDatabaseTest extends PrivateDatabaseContract {

    @Override
    PostgresServer startServer() throws PostgresUnavailableException {
        return PostgresServers.start(PostgresSettings.of(PostgresMode.TESTCONTAINERS), DockerProbe.testcontainers());
    }
}
