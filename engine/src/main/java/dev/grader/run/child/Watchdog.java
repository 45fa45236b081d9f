package dev.grader.run.child;

import java.lang.management.ManagementFactory;

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

    /**
     * Tells the grader and halts the JVM when more than {@code threadLimit} threads are live; returns otherwise. Also
     * called when the run failed, since a process limit (a container's) may refuse a thread before this watchdog's
     * next look: the cause is then still the threads the code under test started.
     */
    static void check(EventChannel channel, int threadLimit) {
        int live = ManagementFactory.getThreadMXBean().getThreadCount();
        if (live > threadLimit) {
            Limits.exceeded(
                    channel, "threads", "started more than " + threadLimit + " threads (" + live + " were live)");
        }
    }

    @Override
    public void run() {
        while (true) {
            check(channel, threadLimit);
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                // keep watching: only the JVM's end stops this thread
            }
        }
    }
}
