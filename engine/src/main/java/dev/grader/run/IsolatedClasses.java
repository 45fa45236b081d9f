package dev.grader.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Turns at the machine's cores, per grader process, for an exercise's isolated test classes ({@code
 * parallel.isolated}: the concurrency tests that measure contention). A test JVM that reaches them asks ({@code alone}
 * in the run protocol) and runs them once nothing else of the grader's that is busy on the cores runs: no other test
 * JVM's tests and no compile of another grade. In a batch or a validation ({@code --jobs}) on two cores, such classes
 * otherwise saw the other grades' threads, ran their rounds to their time budgets and caught a race less often than
 * in a grade of its own. The other work takes the lock shared ({@link #shared}); isolated classes take it
 * exclusively and keep it until their run ends. Fair: turns go in the order asked, and a waiting exclusive turn holds
 * back new shared ones. Every turn is released by the thread that took it (the grade's).
 */
public final class IsolatedClasses {

    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock(true);

    private IsolatedClasses() {}

    /** Runs {@code work} (a compile, say) while no isolated classes run, waiting for them to end first. */
    public static <T> T shared(Supplier<T> work) {
        LOCK.readLock().lock();
        try {
            return work.get();
        } finally {
            LOCK.readLock().unlock();
        }
    }

    /** The turns one test JVM's run holds, taken and given back by the grade's thread. */
    static final class Turns {
        private boolean shared;
        private boolean exclusive;

        /**
         * A shared turn for the run's tests, waited for as long as {@code stillWanted} holds; the nanoseconds waited, or
         * -1 when it gave up.
         */
        long takeShared(BooleanSupplier stillWanted) {
            long waited = acquire(LOCK.readLock(), stillWanted);
            shared = waited >= 0;
            return waited;
        }

        /** The exclusive turn for the isolated classes (the shared one given back first); as {@link #takeShared}. */
        long takeExclusive(BooleanSupplier stillWanted) {
            releaseShared();
            long waited = acquire(LOCK.writeLock(), stillWanted);
            exclusive = waited >= 0;
            return waited;
        }

        /** Gives back whatever this run holds; again does nothing. */
        void release() {
            releaseShared();
            if (exclusive) {
                exclusive = false;
                LOCK.writeLock().unlock();
            }
        }

        private void releaseShared() {
            if (shared) {
                shared = false;
                LOCK.readLock().unlock();
            }
        }
    }

    private static long acquire(java.util.concurrent.locks.Lock lock, BooleanSupplier stillWanted) {
        long started = System.nanoTime();
        try {
            while (!lock.tryLock(100, TimeUnit.MILLISECONDS)) {
                if (!stillWanted.getAsBoolean()) {
                    return -1;
                }
            }
            return System.nanoTime() - started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
