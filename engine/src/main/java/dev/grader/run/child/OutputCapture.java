package dev.grader.run.child;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out} and {@code System.err} in the test JVM: what the code under test prints
 * is kept per test, up to a cap, and never reaches the grader's event channel. Past a limit on all the
 * output of the run, the JVM is stopped: printing gigabytes only burns the time limits.
 */
final class OutputCapture {

    private final int capPerTest;
    private final long limit;
    private final Runnable onLimit;
    private final Buffer out = new Buffer();
    private final Buffer err = new Buffer();
    private long total;

    /**
     * @param capPerTest bytes of each stream kept per test
     * @param limit bytes the whole run may print; past it {@code onLimit} runs (it stops the JVM)
     */
    OutputCapture(int capPerTest, long limit, Runnable onLimit) {
        this.capPerTest = capPerTest;
        this.limit = limit;
        this.onLimit = onLimit;
    }

    void install() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Starts a new capture window (a test starts); returns nothing, the previous window is dropped. */
    synchronized void reset() {
        out.reset();
        err.reset();
    }

    /** What was printed since the last reset, with a note of how much was dropped. */
    synchronized String take() {
        String o = out.text("stdout");
        String e = err.text("stderr");
        reset();
        return o.isEmpty() ? e : e.isEmpty() ? o : o + "\n" + e;
    }

    private void count(long n) {
        total += n;
        if (total > limit) {
            onLimit.run();
        }
    }

    private final class Buffer extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        @Override
        public void write(int b) {
            synchronized (OutputCapture.this) {
                if (kept.size() < capPerTest) {
                    kept.write(b);
                } else {
                    dropped++;
                }
                count(1);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (OutputCapture.this) {
                int room = Math.max(0, Math.min(len, capPerTest - kept.size()));
                kept.write(b, off, room);
                dropped += len - room;
                count(len);
            }
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
