package dev.grader.batch;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of a batch: a bar with ETA on a terminal, one plain line per submission otherwise. */
public interface Progress extends AutoCloseable {

    /** Called once a submission is done (graded, reused or rejected). */
    void done(String name, String outcome);

    @Override
    void close();

    /** A progress bar with the elapsed time and the ETA (me.tongfei:progressbar), drawn on stderr. */
    static Progress bar(int total) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Grading")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(250)
                .build();
        return new Progress() {
            @Override
            public synchronized void done(String name, String outcome) {
                bar.setExtraMessage(name);
                bar.step();
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** {@code [3/20] alice: 82.5 / 100 (4.1 s) · ETA 1m10s}: for logs and CI. */
    static Progress lines(int total, PrintWriter out) {
        long start = System.nanoTime();
        return new Progress() {
            private int done;

            @Override
            public synchronized void done(String name, String outcome) {
                done++;
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Duration eta = done == 0
                        ? Duration.ZERO
                        : elapsed.multipliedBy(total - done).dividedBy(done);
                out.println(
                        String.format(Locale.ROOT, "[%d/%d] %s: %s · ETA %s", done, total, name, outcome, human(eta)));
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
