package dev.grader.run;

/** Where a {@link RunSession} reads the test JVM's events from: its channel, or a script in tests. */
interface EventSource {

    /**
     * The next event, a {@link com.fasterxml.jackson.databind.JsonNode}, or {@link EventServer.EndOfStream} when the
     * stream ended; null when none came within {@code millis}.
     */
    Object poll(long millis);

    /** Sends the test JVM a control line ({@link dev.grader.run.child.Control}); a closed channel ignores it. */
    void reply(String line);
}
