package dev.grader.support.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.support.postgres.ReusedConnections;
import dev.grader.support.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Waits on a paused party's locks, seen in the JVM and in a real PostgreSQL; waits on nothing it holds, not seen. */
class LockWaitsTest {

    @Test
    void aThreadBlockedOnAMonitorThePausedThreadHoldsIsSeenAndNamed() throws Exception {
        Object monitor = new Object();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread paused = new Thread(
                () -> {
                    synchronized (monitor) {
                        holding.countDown();
                        await(release);
                    }
                },
                "paused-writer");
        paused.start();
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            synchronized (monitor) {
                // only gets here once the paused thread lets go
            }
        });
        try {
            List<String> held =
                    LockWaits.awaitUnlessHeld(second, Duration.ofSeconds(10), () -> LockWaits.onThread(paused));
            assertEquals(1, held.size(), held.toString());
            assertTrue(held.get(0).contains("the monitor of a java.lang.Object (synchronized)"), held.get(0));
            assertTrue(held.get(0).contains("held by the paused thread 'paused-writer'"), held.get(0));
            assertFalse(second.isDone());
        } finally {
            release.countDown();
        }
        second.get(5, TimeUnit.SECONDS);
        paused.join(5_000);
    }

    @Test
    void aThreadParkedOnAReentrantLockThePausedThreadOwnsIsSeen() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread paused = new Thread(
                () -> {
                    lock.lock();
                    try {
                        holding.countDown();
                        await(release);
                    } finally {
                        lock.unlock();
                    }
                },
                "paused-with-lock");
        paused.start();
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            lock.lock();
            lock.unlock();
        });
        try {
            List<String> held =
                    LockWaits.awaitUnlessHeld(second, Duration.ofSeconds(10), () -> LockWaits.onThread(paused));
            assertEquals(1, held.size(), held.toString());
            assertTrue(held.get(0).contains("ReentrantLock"), held.get(0));
        } finally {
            release.countDown();
        }
        second.get(5, TimeUnit.SECONDS);
        paused.join(5_000);
    }

    @Test
    void aCallThatEndsIsNotReportedAndACallThatWaitsOnSomethingElseRunsOutItsTime() throws Exception {
        Thread paused = Thread.currentThread();
        CompletableFuture<String> quick = CompletableFuture.supplyAsync(() -> "done");
        assertEquals(
                List.of(), LockWaits.awaitUnlessHeld(quick, Duration.ofSeconds(10), () -> LockWaits.onThread(paused)));
        assertTrue(quick.isDone());

        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture<Void> stuck = CompletableFuture.runAsync(() -> await(never)); // a latch has no owner
        long t0 = System.nanoTime();
        assertEquals(
                List.of(), LockWaits.awaitUnlessHeld(stuck, Duration.ofMillis(300), () -> LockWaits.onThread(paused)));
        assertFalse(stuck.isDone());
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300), "waited out its limit");
        never.countDown();
    }

    @Test
    @Tag("database")
    void aSessionWaitingForARowLockThePausedTransactionHoldsIsSeenWithItsStatement() throws Exception {
        DataSource database = ReusedConnections.over(TestDatabase.newDatabase());
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id int PRIMARY KEY, stock int)");
            s.execute("INSERT INTO item VALUES (1, 10)");
        }
        try (Connection paused = database.getConnection()) {
            paused.setAutoCommit(false);
            try (Statement s = paused.createStatement()) {
                s.execute("SELECT stock FROM item WHERE id = 1 FOR UPDATE");
            }
            int pid = LockWaits.backendPid(paused);
            assertTrue(pid > 0, "the paused session's backend: " + pid);
            assertEquals(List.of(), LockWaits.onBackend(database, pid), "nobody waits yet");
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> update(database));
            List<String> held =
                    LockWaits.awaitUnlessHeld(second, Duration.ofSeconds(10), () -> LockWaits.onBackend(database, pid));
            assertEquals(1, held.size(), held.toString());
            assertTrue(held.get(0).contains("UPDATE item SET stock = stock + 1 WHERE id = 1"), held.get(0));
            paused.rollback();
            assertEquals(1, second.get(10, TimeUnit.SECONDS));
        }
    }

    private static int update(DataSource database) {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE item SET stock = stock + 1 WHERE id = 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
