package dev.grader.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first and the last bytes of a stream and counts the rest: the test JVM's raw stdout or stderr
 * (what bypassed {@code System.out}, and the JVM's own last words such as an out-of-memory notice).
 * Either drains an {@link InputStream} on its own thread, or is {@link #accept fed} by a container's log.
 */
final class CappedSink {

    /** Bytes kept from the end of the stream. */
    static final int TAIL = 2048;

    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final byte[] tail = new byte[TAIL];
    private final int cap;
    private long total;
    private final Thread thread;

    /** A sink fed through {@link #accept}. */
    CappedSink(int cap) {
        this.cap = cap;
        this.thread = null;
    }

    /** A sink that drains {@code in} on a daemon thread named {@code name}. */
    CappedSink(InputStream in, int cap, String name) {
        this.cap = cap;
        this.thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                accept(buf, 0, n);
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    /** Takes {@code n} more bytes of the stream. */
    synchronized void accept(byte[] buf, int off, int n) {
        int room = (int) Math.max(0, Math.min(n, cap - head.size()));
        head.write(buf, off, room);
        for (int i = room; i < n; i++) {
            tail[(int) ((total + i - cap) % TAIL)] = buf[off + i];
        }
        total += n;
    }

    /** Bytes seen so far. */
    synchronized long total() {
        return total;
    }

    /** Waits up to {@code waitMillis} for the stream to end (the process is gone and its pipe drained). */
    void settle(long waitMillis) {
        if (thread == null || waitMillis <= 0) {
            return;
        }
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last bytes (at most {@value #TAIL}) of what went beyond the head, as text. */
    synchronized String tail() {
        long beyond = total - cap;
        if (beyond <= 0) {
            return "";
        }
        int n = (int) Math.min(beyond, TAIL);
        byte[] out = new byte[n];
        long start = beyond - n;
        for (int i = 0; i < n; i++) {
            out[i] = tail[(int) ((start + i) % TAIL)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Whether {@code text} is in the kept head or tail. */
    synchronized boolean contains(String text) {
        return text().contains(text);
    }

    /** The kept head and tail, without any note. */
    synchronized String text() {
        return head.toString(StandardCharsets.UTF_8) + "\n" + tail();
    }

    /** What was kept, with a note of what was not; null when nothing was written. */
    String excerpt(long waitMillis) {
        settle(waitMillis);
        synchronized (this) {
            if (total == 0) {
                return null;
            }
            String s = head.toString(StandardCharsets.UTF_8);
            if (total <= cap) {
                return s;
            }
            long skipped = total - cap - TAIL;
            return skipped <= 0 ? s + tail() : s + "\n[" + skipped + " bytes not kept]\n" + tail();
        }
    }
}
