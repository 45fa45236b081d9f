package dev.grader.run.child;

import java.util.List;

/**
 * The fields of the run protocol's events (see {@link Event}), by their name on the wire. Both sides use these
 * names: the test JVM to write an event, the grader to read it.
 */
public enum Field {
    /** Every event: its {@link Event} type. */
    EVENT("event"),
    TOKEN("token"),
    /** The plan's tests, each an object of {@link #PLAN_ENTRY} fields. */
    TESTS("tests"),
    ID("id"),
    CLASS("class"),
    METHOD("method"),
    DISPLAY("display"),
    TAGS("tags"),
    ANCESTORS("ancestors"),
    STATUS("status"),
    MESSAGE("message"),
    DETAIL("detail"),
    EXCEPTION("exception"),
    TRACE("trace"),
    DURATION_MS("duration_ms"),
    OUTPUT("output"),
    VIA("via"),
    CALLER("caller"),
    INITIALISER_OF("initialiser_of"),
    THREAD("thread"),
    WHAT("what"),
    /** Threads the tests left: an object of {@link #COUNT} and {@link #NAMES}. */
    THREADS_LEFT("threads_left"),
    COUNT("count"),
    NAMES("names");

    /** The fields of one entry of a plan's {@link #TESTS}, in the order they are written. */
    public static final List<Field> PLAN_ENTRY = List.of(ID, CLASS, METHOD, DISPLAY, TAGS, ANCESTORS);

    private final String wire;

    Field(String wire) {
        this.wire = wire;
    }

    /** The field's name in the JSON object. */
    public String wire() {
        return wire;
    }
}
