package dev.grader.run;

/** A started test JVM, a local process or a container, with its output drains. */
interface TestJvm extends AutoCloseable {

    /** The JVM's raw stdout (what bypassed {@code System.out}, and the JVM's own notices). */
    CappedSink stdout();

    /** The JVM's raw stderr. */
    CappedSink stderr();

    boolean isAlive();

    /** Waits up to {@code millis} for the JVM to end; its exit status, or null while it runs. */
    Integer waitFor(long millis);

    /** Looks for processes the JVM started (called now and then during the run). */
    void watch();

    /**
     * What became of the processes the JVM started (ended by themselves, killed, still running), checked after
     * {@link #close()}; null when none was seen.
     */
    String processNote();

    /** Stops the JVM and everything it started; idempotent. */
    @Override
    void close();
}
