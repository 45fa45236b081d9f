package dev.grader.run.child;

import static dev.grader.run.child.Field.CALLER;
import static dev.grader.run.child.Field.DETAIL;
import static dev.grader.run.child.Field.DURATION_MS;
import static dev.grader.run.child.Field.EXCEPTION;
import static dev.grader.run.child.Field.ID;
import static dev.grader.run.child.Field.INITIALISER_OF;
import static dev.grader.run.child.Field.MESSAGE;
import static dev.grader.run.child.Field.OUTPUT;
import static dev.grader.run.child.Field.STATUS;
import static dev.grader.run.child.Field.TESTS;
import static dev.grader.run.child.Field.THREAD;
import static dev.grader.run.child.Field.THREADS_LEFT;
import static dev.grader.run.child.Field.TOKEN;
import static dev.grader.run.child.Field.TRACE;
import static dev.grader.run.child.Field.VIA;
import static dev.grader.run.child.Field.WHAT;

import java.util.List;
import java.util.Locale;

/**
 * The run protocol: every event the test JVM sends the grader, one JSON object per line, with the fields it
 * carries (docs/run-protocol.md). The test JVM writes events only through {@link #line()}; the grader reads the
 * type with {@link #of} and the fields by their {@link Field} names. This class is JDK-only: it is loaded by the
 * test JVM, which carries no JSON library.
 */
public enum Event {
    /** First line on the channel: the one-time token ({@link ChildMain#TOKEN_ENV}). */
    HELLO(TOKEN),
    /** The test plan: every scoring unit (a test method) in execution order; sent once, before any test starts. */
    PLAN(TESTS),
    /** A unit starts; at most one runs at a time. */
    STARTED(ID),
    /** Progress inside a unit (an invocation of a parameterised test). */
    TICK(),
    /** A unit ended: after its STARTED, or alone when it was skipped. Status: one of {@link Result}. */
    FINISHED(ID, STATUS, MESSAGE, DETAIL, EXCEPTION, TRACE, DURATION_MS, OUTPUT),
    /** A container (a test class) failed or was skipped: the units under it that never ran take its status. */
    CONTAINER(ID, STATUS, MESSAGE, EXCEPTION, TRACE),
    /** The runner itself failed. */
    FATAL(MESSAGE, TRACE),
    /** The code under test called System.exit (or Runtime.exit): who did, from the shutdown hook. */
    EXIT(VIA, CALLER, INITIALISER_OF, THREAD),
    /** The code under test passed one of the runner's limits; the JVM halts right after. */
    LIMIT(WHAT, MESSAGE),
    /**
     * The classes that share the JVM ran, the isolated ones are next ({@code --isolated}): the runner waits for the
     * grader's {@link Control#ALONE} before it starts them, which the grader sends once no other test JVM of its runs
     * isolated classes. At most once, after the plan, while no test runs.
     */
    ALONE(),
    /** Every test ran; the last event; the JVM halts right after. */
    DONE(THREADS_LEFT);

    private final List<Field> fields;

    Event(Field... fields) {
        this.fields = List.of(fields);
    }

    /** The value of the {@link Field#EVENT} field. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fields this event carries besides {@link Field#EVENT}, in the order they are written. */
    public List<Field> fields() {
        return fields;
    }

    /** The event named {@code wire}, or null when there is none. */
    public static Event of(String wire) {
        for (Event e : values()) {
            if (e.wire().equals(wire)) {
                return e;
            }
        }
        return null;
    }

    /** A new line of this event; see {@link Json.Line}. */
    public Json.Line line() {
        return new Json.Line(this);
    }

    /** How a unit ended, the {@link Field#STATUS} of {@link #FINISHED} and {@link #CONTAINER}. */
    public enum Result {
        PASSED,
        FAILED,
        SKIPPED,
        TIMED_OUT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The result named {@code wire}, or null. */
        public static Result of(String wire) {
            for (Result r : values()) {
                if (r.wire().equals(wire)) {
                    return r;
                }
            }
            return null;
        }
    }
}
