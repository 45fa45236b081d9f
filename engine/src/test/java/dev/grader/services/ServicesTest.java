package dev.grader.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.model.InfrastructureException;
import dev.grader.support.postgres.PostgresMode;
import dev.grader.support.postgres.PostgresSettings;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServicesTest {

    @Test
    void exercisesWithoutServicesLeaseNothingAndStartNoServer() {
        AtomicInteger starts = new AtomicInteger();
        try (Services s = new Services(PostgresSettings.of(PostgresMode.AUTO), x -> {
            starts.incrementAndGet();
            throw new IllegalStateException("must not start");
        })) {
            ServiceLease lease = s.lease(Fixtures.fixtureCatalog().get("adder"), "sub");
            assertTrue(lease.systemProperties().isEmpty());
            assertNull(lease.databaseDescription());
            assertEquals(0, starts.get());
        }
    }

    @Test
    void aServerThatCannotStartIsAnInfrastructureErrorRememberedForLaterSubmissions() {
        AtomicInteger starts = new AtomicInteger();
        try (Services s = new Services(PostgresSettings.of(PostgresMode.EMBEDDED), x -> {
            starts.incrementAndGet();
            throw new InfrastructureException("no PostgreSQL could be had: embedded start failed: initdb exited 1");
        })) {
            var pg = Fixtures.fixtureCatalog().get("pg-echo");
            InfrastructureException first = assertThrows(InfrastructureException.class, () -> s.lease(pg, "a"));
            InfrastructureException second = assertThrows(InfrastructureException.class, () -> s.lease(pg, "b"));
            assertTrue(first.getMessage().contains("initdb exited 1"), first.getMessage());
            assertSame(first, second);
            assertEquals(1, starts.get(), "the server is tried once per grader process");
        }
    }

    @Test
    void databaseNamesAreValidAndUniquePerLease() {
        String a = Services.databaseName("Alice's Submission.zip", 1);
        String b = Services.databaseName("Alice's Submission.zip", 2);
        assertTrue(a.matches("[a-z_][a-z0-9_]{0,62}"), a);
        assertFalse(a.equals(b));
    }
}
