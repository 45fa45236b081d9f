package dev.grader.run;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one permit, per grader process, to run an exercise's isolated test classes ({@code parallel.isolated}: the
 * concurrency tests that measure contention). A test JVM that reaches them asks for it ({@code alone} in the run
 * protocol) and keeps it until its run ends, so that in a batch or a validation ({@code --jobs}) no two test JVMs
 * measure contention at the same time: on two cores, two such classes each saw the other's threads, ran their rounds
 * to their time budgets, and caught a race less often. Fair: the JVMs get it in the order they asked.
 */
final class IsolatedClasses {

    private static final Semaphore PERMIT = new Semaphore(1, true);

    private IsolatedClasses() {}

    /**
     * Waits for the permit as long as {@code stillWanted} holds (asked every 100 ms); returns the nanoseconds waited
     * once this caller holds it, or -1 when it gave up (then it holds nothing).
     */
    static long acquire(BooleanSupplier stillWanted) {
        long started = System.nanoTime();
        try {
            while (!PERMIT.tryAcquire(100, TimeUnit.MILLISECONDS)) {
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

    /** Gives the permit back; only its holder calls this, once. */
    static void release() {
        PERMIT.release();
    }
}
