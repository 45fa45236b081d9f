package dev.grader.support.wiremock;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gate for {@link Reply#heldBy(Hold) held replies}: a reply held by it is sent when the test
 * {@link #release() releases} the hold, or once {@link #atMost()} has passed since its request
 * arrived, whichever comes first.
 *
 * <p>Use it where a test needs a downstream call to be still in progress while something else
 * happens, instead of a fixed delay: a correct client finishes the other thing at once and the test
 * releases the hold, so it spends milliseconds instead of the whole delay; a wrong one, that waits for
 * the held call, sees exactly what a fixed delay of {@code atMost} gave it.
 *
 * <pre>{@code
 * Hold hold = downstream.hold(Duration.ofMillis(1000));
 * downstream.stub("POST", "/charges", Reply.json(201, "{...}").heldBy(hold));
 * var first = client.sendAsync(...);                 // reaches the downstream and waits there
 * downstream.awaitCount("POST", "/charges", 1, Duration.ofSeconds(2));
 * var second = client.send(...);                     // must not wait for the first
 * boolean firstStillRunning = !first.isDone();
 * hold.release();
 * }</pre>
 *
 * <p>A held request is in the journal while it waits, as with {@link Reply#delayedBy(Duration)}. A
 * hold serves every request that its replies answer; once released it holds nothing any more. The
 * downstream releases every hold before each test and when it stops, so no server thread stays
 * blocked.
 */
public final class Hold {

    private final String id;
    private final Duration atMost;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger arrivals = new AtomicInteger();
    private final AtomicInteger expired = new AtomicInteger();

    Hold(String id, Duration atMost) {
        this.id = requireNonNull(id, "id");
        requireNonNull(atMost, "atMost");
        if (atMost.isNegative() || atMost.isZero()) {
            throw new IllegalArgumentException("a hold needs a positive longest wait, was " + atMost);
        }
        this.atMost = atMost;
    }

    /** Sends every reply this hold is holding, and every later one at once. */
    public void release() {
        released.countDown();
    }

    /** Whether {@link #release()} was called. */
    public boolean isReleased() {
        return released.getCount() == 0;
    }

    /** How many requests reached this hold so far (held now, or held and let go). */
    public int arrivals() {
        return arrivals.get();
    }

    /**
     * How many held requests were let go because {@link #atMost()} passed before the test released the hold: a test
     * that releases the hold once something else has happened can tell that this something came only after a held
     * request gave up waiting, without depending on how soon its client notices the held reply.
     */
    public int expired() {
        return expired.get();
    }

    /** The longest a request is held when the test does not release the hold. */
    public Duration atMost() {
        return atMost;
    }

    String id() {
        return id;
    }

    /** Called on the server's request thread: waits until released or {@link #atMost()} passed. */
    void await() {
        arrivals.incrementAndGet();
        try {
            if (!released.await(atMost.toNanos(), TimeUnit.NANOSECONDS)) {
                expired.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping: answer now
        }
    }

    @Override
    public String toString() {
        return "hold " + id + " (at most " + atMost.toMillis() + "ms" + (isReleased() ? ", released)" : ")");
    }
}
