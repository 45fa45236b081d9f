package dev.grader.support.interleave;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Widens the race windows of a submission's code, for hidden concurrency tests. A race between two threads shows only
 * when one of them is held up between a read and the write that depends on it (a {@code get} and its {@code put}, a
 * lookup and the {@code synchronized} on what it found); on a machine with few cores that happens in a few rounds of
 * thousands, so a buggy submission passed in some runs only.
 *
 * <p>For an exercise whose manifest lists {@code interleave} under {@code support}, the grader rewrites the
 * submission's compiled classes (never the hidden suites') so that a call to {@link #beforeLock()} comes before every
 * lock it takes, and one to {@link #point()} before every other call to a {@code java.util} method (collections, {@code java.util.concurrent}, atomics,
 * locks) or a {@code VarHandle}, and every write to a field or an array element, outside constructors. While a test holds a {@link Scope} from {@link #on}, each
 * such point yields the processor now and then and sometimes parks the thread for a moment, so other threads run
 * through the window; outside a scope a point costs one volatile read. Nothing is reordered and no code is skipped:
 * a correct submission stays correct, only its threads are scheduled more adversarially.
 */
public final class Interleavings {

    private static volatile Scope active;
    private static final LongAdder REACHED = new LongAdder();

    private Interleavings() {}

    /** Called by the rewritten submission code before each point where another thread's step may matter. */
    public static void point() {
        Scope scope = active;
        if (scope != null) {
            scope.perturb();
        }
    }

    /**
     * Called by the rewritten submission code before it takes a lock ({@code monitorenter}, a {@code lock} or {@code
     * tryLock} of {@code java.util.concurrent.locks}): the window between finding an object and locking it.
     */
    public static void beforeLock() {
        Scope scope = active;
        if (scope != null) {
            scope.perturbBeforeLock();
        }
    }

    /**
     * Turns the points on until the returned scope is closed: one point in {@code yieldOneIn} yields the processor,
     * one in {@code parkOneIn} parks the thread for up to {@code maxParkNanos}; points before a lock as the others.
     */
    public static Scope on(int yieldOneIn, int parkOneIn, long maxParkNanos) {
        return on(yieldOneIn, parkOneIn, maxParkNanos, parkOneIn, maxParkNanos);
    }

    /**
     * As {@link #on(int, int, long)}, but one point before a lock in {@code lockParkOneIn} parks the thread for up to
     * {@code lockMaxParkNanos}: a thread held up between finding an object and locking it (where another thread may
     * retire, replace or drop what it found) without slowing every other step as much.
     */
    public static Scope on(int yieldOneIn, int parkOneIn, long maxParkNanos, int lockParkOneIn, long lockMaxParkNanos) {
        if (yieldOneIn < 1 || parkOneIn < 1 || maxParkNanos < 1 || lockParkOneIn < 1 || lockMaxParkNanos < 1) {
            throw new IllegalArgumentException("every setting of the points must be positive");
        }
        Scope scope = new Scope(yieldOneIn, parkOneIn, maxParkNanos, lockParkOneIn, lockMaxParkNanos);
        active = scope;
        return scope;
    }

    /** The points reached while a scope was on, since the test JVM started: 0 means the code was not rewritten. */
    public static long reached() {
        return REACHED.sum();
    }

    /** Points turned on; {@link #close} turns them off. */
    public static final class Scope implements AutoCloseable {
        private final int yieldOneIn;
        private final int parkOneIn;
        private final long maxParkNanos;
        private final int lockParkOneIn;
        private final long lockMaxParkNanos;

        private Scope(int yieldOneIn, int parkOneIn, long maxParkNanos, int lockParkOneIn, long lockMaxParkNanos) {
            this.yieldOneIn = yieldOneIn;
            this.parkOneIn = parkOneIn;
            this.maxParkNanos = maxParkNanos;
            this.lockParkOneIn = lockParkOneIn;
            this.lockMaxParkNanos = lockMaxParkNanos;
        }

        private void perturb() {
            perturb(parkOneIn, maxParkNanos);
        }

        private void perturbBeforeLock() {
            perturb(lockParkOneIn, lockMaxParkNanos);
        }

        private void perturb(int parkOneIn, long maxParkNanos) {
            REACHED.increment();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextInt(parkOneIn) == 0) {
                LockSupport.parkNanos(1 + random.nextLong(maxParkNanos));
            } else if (random.nextInt(yieldOneIn) == 0) {
                Thread.yield();
            }
        }

        @Override
        public void close() {
            if (active == this) {
                active = null;
            }
        }
    }
}
