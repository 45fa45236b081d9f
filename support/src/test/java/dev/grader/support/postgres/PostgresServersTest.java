package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grader.support.docker.DockerProbe;
import dev.grader.support.postgres.PostgresUnavailableException.Attempt;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The selection plan and the reasons given, with a fake Docker probe: no Docker and no server needed. */
class PostgresServersTest {

    private static final PostgresSettings AUTO = PostgresSettings.of(PostgresMode.AUTO);
    private static final PostgresSettings AUTO_WITH_URL =
            new PostgresSettings(PostgresMode.AUTO, "jdbc:postgresql://db:5432/postgres", "u", "p");

    @Test
    void autoWithDockerPrefersTestcontainersThenEmbedded() {
        assertEquals(List.of(PostgresMode.TESTCONTAINERS, PostgresMode.EMBEDDED), PostgresServers.plan(AUTO, true));
    }

    @Test
    void autoWithoutDockerUsesEmbedded() {
        assertEquals(List.of(PostgresMode.EMBEDDED), PostgresServers.plan(AUTO, false));
    }

    @Test
    void aGivenUrlComesFirstAndAlone() {
        assertEquals(List.of(PostgresMode.URL), PostgresServers.plan(AUTO_WITH_URL, true));
        assertEquals(List.of(PostgresMode.URL), PostgresServers.plan(AUTO_WITH_URL, false));
    }

    @Test
    void aForcedModeTriesOnlyThat() {
        for (boolean docker : new boolean[] {true, false}) {
            assertEquals(
                    List.of(PostgresMode.URL), PostgresServers.plan(PostgresSettings.of(PostgresMode.URL), docker));
            assertEquals(
                    List.of(PostgresMode.TESTCONTAINERS),
                    PostgresServers.plan(PostgresSettings.of(PostgresMode.TESTCONTAINERS), docker));
            assertEquals(
                    List.of(PostgresMode.EMBEDDED),
                    PostgresServers.plan(PostgresSettings.of(PostgresMode.EMBEDDED), docker));
            assertEquals(
                    List.of(PostgresMode.EMBEDDED),
                    PostgresServers.plan(
                            new PostgresSettings(PostgresMode.EMBEDDED, "jdbc:postgresql://db/postgres", null, null),
                            docker));
        }
    }

    @Test
    void forcedTestcontainersWithoutDockerSaysWhy() {
        DockerProbe noDocker = DockerProbe.fixed(false, "no Docker engine found: DOCKER_HOST is not set");
        PostgresUnavailableException e = assertThrows(
                PostgresUnavailableException.class,
                () -> PostgresServers.start(PostgresSettings.of(PostgresMode.TESTCONTAINERS), noDocker));
        assertEquals(
                List.of(new Attempt(PostgresMode.TESTCONTAINERS, "no Docker engine found: DOCKER_HOST is not set")),
                e.attempts());
        assertTrue(e.getMessage().contains("GRADER_DB=testcontainers"), e.getMessage());
        assertTrue(
                e.getMessage().contains("Testcontainers: no Docker engine found: DOCKER_HOST is not set"),
                e.getMessage());
    }

    @Test
    void forcedUrlWithoutUrlSaysWhy() {
        PostgresUnavailableException e = assertThrows(
                PostgresUnavailableException.class,
                () -> PostgresServers.start(PostgresSettings.of(PostgresMode.URL), probeThatMustNotBeAsked()));
        assertTrue(e.getMessage().contains("GRADER_DB_URL is not set"), e.getMessage());
    }

    @Test
    void aRefusedUrlGivesTheDriversMessageWithoutThePassword() {
        PostgresSettings refused = PostgresSettings.fromEnvironment(java.util.Map.of(
                "GRADER_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/postgres?password=hidden&connectTimeout=2",
                "GRADER_DB_USER",
                "u",
                "GRADER_DB_PASSWORD",
                "secret"));
        PostgresUnavailableException e = assertThrows(
                PostgresUnavailableException.class, () -> PostgresServers.start(refused, probeThatMustNotBeAsked()));
        assertEquals(1, e.attempts().size(), e.getMessage());
        assertEquals(PostgresMode.URL, e.attempts().get(0).mode());
        String reason = e.attempts().get(0).reason();
        assertTrue(reason.startsWith("jdbc:postgresql://127.0.0.1:1/postgres refused: "), reason);
        assertTrue(reason.toLowerCase().contains("refused"), reason);
        assertFalse(e.getMessage().contains("hidden"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(e.getMessage().contains("GRADER_DB=url"), e.getMessage());
    }

    @Test
    void dockerIsProbedOnlyWhenThePlanMayNeedIt() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        DockerProbe counting = new DockerProbe() {
            @Override
            public boolean available() {
                asked.incrementAndGet();
                return false;
            }

            @Override
            public String reason() {
                return "no Docker engine found: fake";
            }
        };
        assertThrows(
                PostgresUnavailableException.class,
                () -> PostgresServers.start(PostgresSettings.of(PostgresMode.URL), counting));
        assertEquals(0, asked.get());
        assertThrows(
                PostgresUnavailableException.class,
                () -> PostgresServers.start(PostgresSettings.of(PostgresMode.TESTCONTAINERS), counting));
        assertEquals(1, asked.get());
    }

    @Test
    void theRealProbeAnswersQuicklyAndExplainsAnAbsence() {
        long start = System.nanoTime();
        DockerProbe probe = DockerProbe.testcontainers();
        boolean available = probe.available();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[timing] Docker probe: available=%s in %d ms: %s%n", available, millis, probe.reason());
        if (!available) {
            assertTrue(probe.reason().startsWith("no Docker engine found: "), probe.reason());
        }
        assertEquals(available, DockerProbe.testcontainers().available(), "the answer is kept");
    }

    private static DockerProbe probeThatMustNotBeAsked() {
        return new DockerProbe() {
            @Override
            public boolean available() {
                fail("Docker was probed for a plan that does not need it");
                return false;
            }

            @Override
            public String reason() {
                fail("Docker was probed for a plan that does not need it");
                return "";
            }
        };
    }
}
