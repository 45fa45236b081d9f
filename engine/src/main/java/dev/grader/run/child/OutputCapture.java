package dev.grader.run.child;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out} and {@code System.err} in the test JVM: what the code under test prints
 * is kept per test, up to a cap, and never reaches the grader's event channel. Past a limit on all the
 * output of the run, the JVM is stopped: printing gigabytes only burns the time limits.
 *
 * <p>Tests that run one after another share one window, reset when a test starts. When test classes run in parallel
 * ({@link ParallelRun}), each test gets a window of its own: the thread that runs it and every thread started from
 * there on (JUnit's timeout thread, the test's own) print into it; what other threads print is counted, not kept.
 */
final class OutputCapture {

    private final int capPerTest;
    private final long limit;
    private final Runnable onLimit;
    private final boolean perThread;
    private final Window shared = new Window();
    private final InheritableThreadLocal<Window> current = new InheritableThreadLocal<>();
    private long total;

    /**
     * @param capPerTest bytes of each stream kept per test
     * @param limit bytes the whole run may print; past it {@code onLimit} runs (it stops the JVM)
     * @param perThread whether tests run in parallel, each printing into a window of its own
     */
    OutputCapture(int capPerTest, long limit, Runnable onLimit, boolean perThread) {
        this.capPerTest = capPerTest;
        this.limit = limit;
        this.onLimit = onLimit;
        this.perThread = perThread;
    }

    OutputCapture(int capPerTest, long limit, Runnable onLimit) {
        this(capPerTest, limit, onLimit, false);
    }

    void install() {
        System.setOut(new PrintStream(new Sink(false), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Sink(true), true, StandardCharsets.UTF_8));
    }

    /** Starts a new capture window: a test starts on the calling thread. */
    synchronized void reset() {
        if (perThread) {
            current.set(new Window());
        } else {
            shared.reset();
        }
    }

    /** What was printed in the calling thread's window since it started, with a note of how much was dropped. */
    synchronized String take() {
        Window w = perThread ? current.get() : shared;
        if (w == null) {
            return "";
        }
        String o = w.out.text("stdout");
        String e = w.err.text("stderr");
        w.reset();
        return o.isEmpty() ? e : e.isEmpty() ? o : o + "\n" + e;
    }

    private void count(long n) {
        total += n;
        if (total > limit) {
            onLimit.run();
        }
    }

    /** The window the calling thread prints into, or null (its output is only counted). */
    private Window window() {
        return perThread ? current.get() : shared;
    }

    /** A test's stdout and stderr as far as they are kept. */
    private final class Window {
        final Buffer out = new Buffer();
        final Buffer err = new Buffer();

        void reset() {
            out.reset();
            err.reset();
        }
    }

    /** {@code System.out} or {@code System.err}: writes into the calling thread's window. */
    private final class Sink extends OutputStream {
        private final boolean err;

        Sink(boolean err) {
            this.err = err;
        }

        @Override
        public void write(int b) {
            synchronized (OutputCapture.this) {
                Window w = window();
                if (w != null) {
                    (err ? w.err : w.out).keep(b);
                }
                count(1);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (OutputCapture.this) {
                Window w = window();
                if (w != null) {
                    (err ? w.err : w.out).keep(b, off, len);
                }
                count(len);
            }
        }
    }

    private final class Buffer {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        void keep(int b) {
            if (kept.size() < capPerTest) {
                kept.write(b);
            } else {
                dropped++;
            }
        }

        void keep(byte[] b, int off, int len) {
            int room = Math.max(0, Math.min(len, capPerTest - kept.size()));
            kept.write(b, off, room);
            dropped += len - room;
        }

        void reset() {
            kept.reset();
            dropped = 0;
        }

        String text(String name) {
            if (kept.size() == 0 && dropped == 0) {
                return "";
            }
            String s = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[" + name + " truncated: " + dropped + " more bytes not kept]";
        }
    }
}
