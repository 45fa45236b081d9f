package dev.grader.owntests;

import dev.grader.run.RunOutcome;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for one test JVM's run within the evaluation's deadline. */
final class Waiting {

    /** Grace after the deadline for a run that is ending (its own whole-run limit is the same deadline). */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private Waiting() {}

    /** Thrown by a run that would start after the deadline. */
    static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super("the whole-run limit was reached before it started", null, false, false);
        }
    }

    /** A run's outcome, or why there is none ({@code problem}). */
    record Ran(RunOutcome outcome, String problem) {}

    static Ran get(Future<RunOutcome> run, long deadline) {
        try {
            return new Ran(
                    run.get(Math.max(0, deadline + GRACE_NANOS - System.nanoTime()), TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            run.cancel(true);
            return new Ran(null, "it did not end within the whole-run limit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel(true);
            return new Ran(null, "the grader was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Ran(null, cause instanceof OutOfTime ? cause.getMessage() : String.valueOf(cause.getMessage()));
        }
    }
}
