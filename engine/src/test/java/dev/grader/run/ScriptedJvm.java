package dev.grader.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.run.EventServer.EndOfStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A test JVM without a process, for {@link RunSession}: its events are a script of lines written with the run
 * protocol's own types, replayed one per poll; when the script runs out, nothing more comes (the stream stays
 * open) unless it ended with {@link #end}.
 */
final class ScriptedJvm implements TestJvm, EventSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<Object> script = new ArrayDeque<>();
    private final CappedSink stdout = new CappedSink(1024);
    private final CappedSink stderr = new CappedSink(1024);
    private final Integer exitStatus;
    private boolean alive = true;
    boolean closed;

    /** A JVM that exits with {@code exitStatus} (null: it never exits on its own) when its script ends. */
    ScriptedJvm(Integer exitStatus) {
        this.exitStatus = exitStatus;
    }

    /** Adds an event line (what {@code Event.X.line()...} wrote). */
    ScriptedJvm then(Object line) {
        try {
            script.add(JSON.readTree(line.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The JVM writes {@code bytes} to its raw stdout (no event comes with that poll). */
    ScriptedJvm print(byte[] bytes) {
        script.add(bytes);
        return this;
    }

    /** The JVM closes its channel and ends. */
    ScriptedJvm end() {
        script.add(new EndOfStream());
        return this;
    }

    @Override
    public Object poll(long millis) {
        Object next = script.poll();
        if (next instanceof byte[] bytes) {
            stdout.accept(bytes, 0, bytes.length);
            return null;
        }
        if (next instanceof EndOfStream) {
            alive = exitStatus == null;
        }
        if (next == null) {
            try {
                Thread.sleep(Math.min(millis, 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return next;
    }

    /** The control lines the grader sent, in order. */
    final java.util.List<String> replies = new java.util.ArrayList<>();

    @Override
    public void reply(String line) {
        replies.add(line);
    }

    @Override
    public CappedSink stdout() {
        return stdout;
    }

    @Override
    public CappedSink stderr() {
        return stderr;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public Integer waitFor(long millis) {
        return alive ? null : exitStatus == null ? Integer.valueOf(137) : exitStatus;
    }

    @Override
    public void watch() {}

    @Override
    public String processNote() {
        return null;
    }

    @Override
    public void close() {
        closed = true;
        alive = false;
    }
}
