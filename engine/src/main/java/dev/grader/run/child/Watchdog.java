package dev.grader.run.child;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Watches the test JVM's live thread count. Past the limit it tells the grader and halts the JVM: thousands
 * of threads would exhaust the machine long before a time limit fires. Code in this JVM could stop this
 * thread; the grader's own limits (time, output, processes) do not depend on it.
 */
final class Watchdog extends Thread {

    private static final long PERIOD_MILLIS = 20;

    private final EventChannel channel;
    private final int threadLimit;

    Watchdog(EventChannel channel, int threadLimit) {
        super("grader-watchdog");
        setDaemon(true);
        setPriority(Thread.MAX_PRIORITY);
        this.channel = channel;
        this.threadLimit = threadLimit;
    }

    @Override
    public void run() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        while (true) {
            int live = threads.getThreadCount();
            if (live > threadLimit) {
                Limits.exceeded(
                        channel, "threads", "started more than " + threadLimit + " threads (" + live + " were live)");
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                // keep watching: only the JVM's end stops this thread
            }
        }
    }
}
