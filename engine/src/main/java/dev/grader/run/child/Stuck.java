package dev.grader.run.child;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/** Says what a test that timed out was doing: deadlocked threads, or where its thread was when time ran out. */
final class Stuck {

    private Stuck() {}

    /** A sentence for the report, or null when nothing useful is known. */
    static String describe(Throwable timeout) {
        String deadlock = deadlock();
        if (deadlock != null) {
            return deadlock;
        }
        // JUnit's separate-thread timeout carries the test thread's stack as the cause. The first frame of code
        // compiled for this run (a class folder, not a library jar) says most; else the first frame outside the JDK.
        StackTraceElement outsideJdk = null;
        for (Throwable t = timeout; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (!isCodeUnderTest(f)) {
                    continue;
                }
                if (fromClassFolder(f.getClassName())) {
                    return "it was running " + EventListener.frame(f);
                }
                if (outsideJdk == null) {
                    outsideJdk = f;
                }
            }
        }
        if (outsideJdk != null) {
            return "it was running " + EventListener.frame(outsideJdk);
        }
        return null;
    }

    private static String deadlock() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = mx.findDeadlockedThreads();
        if (ids == null || ids.length == 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (ThreadInfo info : mx.getThreadInfo(ids, 1)) {
            if (info == null) {
                continue;
            }
            String at = info.getStackTrace().length == 0 ? "" : " at " + EventListener.frame(info.getStackTrace()[0]);
            parts.add("\"" + info.getThreadName() + "\" waits for " + info.getLockName() + " held by \""
                    + info.getLockOwnerName() + "\"" + at);
            if (parts.size() == 4) {
                break;
            }
        }
        return "deadlock: " + ids.length + " threads wait for each other's locks (" + String.join("; ", parts) + ")";
    }

    private static boolean fromClassFolder(String className) {
        try {
            Class<?> c = Class.forName(className, false, ClassLoader.getSystemClassLoader());
            var source = c.getProtectionDomain().getCodeSource();
            return source != null
                    && source.getLocation() != null
                    && source.getLocation().getPath().endsWith("/");
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }

    private static boolean isCodeUnderTest(StackTraceElement f) {
        String c = f.getClassName();
        return !(c.startsWith("java.")
                || c.startsWith("javax.")
                || c.startsWith("jdk.")
                || c.startsWith("sun.")
                || c.startsWith("com.sun.")
                || c.startsWith("org.junit.")
                || c.startsWith("dev.grader.run.child."));
    }
}
