package dev.grader.run;

/** Where a {@link RunSession} reads the test JVM's events from: its channel, or a script in tests. */
interface EventSource {

    /**
     * The next event, a {@link com.fasterxml.jackson.databind.JsonNode}, or {@link EventServer.EndOfStream} when the
     * stream ended; null when none came within {@code millis}.
     */
    Object poll(long millis);
}
