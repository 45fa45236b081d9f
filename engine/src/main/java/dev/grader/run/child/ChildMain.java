package dev.grader.run.child;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Entry point of the forked test JVM. Runs the hidden suites with the JUnit Platform Launcher and
 * streams events ({@link Event}) to the grader over a socket, never through stdout. Arguments: a
 * {@link StartArgs}, as its {@link StartArgs#encode} wrote it. The channel's one-time token comes from the environment variable {@value #TOKEN_ENV} when set, else from the first
 * line of stdin: never from the command line, which other processes can read.
 *
 * <p>Only the JDK and the JUnit Platform may be used here: this runs on the exercise's classpath.
 */
public final class ChildMain {

    /** Environment variable carrying the event channel's token (containers, which get no stdin). */
    public static final String TOKEN_ENV = "GRADER_CHANNEL_TOKEN";

    /** How long, in all, threads still ending after the tests may take before they count as left running. */
    private static final long ENDING_GRACE_MILLIS = 2_000;

    private ChildMain() {}

    public static void main(String[] args) {
        StartArgs start;
        EventChannel channel;
        try {
            start = StartArgs.decode(args);
            channel = new EventChannel(start.channel(), token());
        } catch (Exception e) {
            System.err.println("grader runner: cannot start: " + e);
            Runtime.getRuntime().halt(71);
            return;
        }
        int status = 0;
        try {
            // Loading the JUnit Platform takes a while: do it while the grader is still compiling, then wait for "go".
            // Only the Jupiter engine, named here: a TestEngine registered by the submission's resources never loads.
            // Launcher interceptors are off whatever a junit-platform.properties on the class path says: JUnit reads
            // system properties first (the grader's command line sets this too; no submitted code has run yet).
            System.setProperty("junit.platform.launcher.interceptors.enabled", "false");
            LauncherConfig config = LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .addTestEngines(jupiter())
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .build();
            Launcher launcher = LauncherFactory.create(config);
            Watchdog watchdog = new Watchdog(channel, start.threadLimit());
            Runtime.getRuntime().addShutdownHook(new Thread(new ExitReport(channel), "grader-exit-report"));
            if (!channel.awaitGo()) {
                return;
            }
            watchdog.start();
            long outputLimit = start.outputLimit();
            OutputCapture capture = new OutputCapture(
                    start.outputCapPerTest(),
                    outputLimit,
                    () -> Limits.exceeded(
                            channel,
                            "output",
                            "wrote more than " + mebibytes(outputLimit) + " of output; output truncated"),
                    start.parallel() > 1 && start.variants() == null);
            capture.install();
            List<String> selection = null;
            if (start.selection() != null) {
                // A restart after a timeout: only the tests that had not run yet.
                selection = Files.readAllLines(Path.of(start.selection())).stream()
                        .filter(id -> !id.isBlank())
                        .toList();
            }
            if (start.variants() != null) {
                VariantRuns.run(launcher, start, selection, channel, capture, selectors -> request(selectors, start));
            } else {
                List<DiscoverySelector> selectors = new ArrayList<>();
                if (selection != null) {
                    selection.forEach(id -> selectors.add(DiscoverySelectors.selectUniqueId(id)));
                } else {
                    selectors.addAll(selectClasspathRoots(Set.of(Path.of(start.hiddenClasses()))));
                }
                if (start.parallel() > 1) {
                    ParallelRun.run(launcher, start, selectors, channel, capture, s -> request(s, start));
                } else {
                    launcher.execute(
                            request(selectors, start), new EventListener(channel, capture, start.perTestMillis()));
                }
            }
            if (start.coverage()) {
                CoverageDump.write(); // before "done": the grader may stop this JVM as soon as it reads it
            }
            channel.send(Event.DONE.line().with(Field.THREADS_LEFT, leftoverThreads(watchdog)));
        } catch (Throwable t) {
            status = 70;
            Watchdog.check(channel, start.threadLimit()); // too many threads: that limit, not this failure, is why
            try {
                channel.send(Event.FATAL
                        .line()
                        .with(Field.MESSAGE, EventListener.clip(String.valueOf(t)))
                        .with(Field.TRACE, EventListener.trace(t)));
            } catch (RuntimeException ignored) {
                // the grader sees the channel close without "done"
            }
        } finally {
            try {
                channel.close();
            } catch (Exception ignored) {
                // nothing more can be said
            }
            // Threads the code under test left behind must not keep this JVM alive.
            Runtime.getRuntime().halt(status);
        }
    }

    /** The discovery request of {@code selectors}, configured by the runner alone. */
    private static LauncherDiscoveryRequest request(List<DiscoverySelector> selectors, StartArgs start) {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request();
        if (start.tests() != null) {
            builder.filters(new TestNameFilter(testNames(start.tests())));
        }
        return builder.selectors(selectors)
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                // Submissions cannot reconfigure the run through junit-platform.properties or system properties.
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                .configurationParameter("junit.jupiter.execution.timeout.default", start.perTestMillis() + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
    }

    private static Set<String> testNames(String file) {
        try {
            return Set.copyOf(Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> !line.isBlank())
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tests to run from " + file + ": " + e.getMessage(), e);
        }
    }

    private static String token() throws IOException {
        String fromEnv = System.getenv(TOKEN_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        if (line == null || line.isBlank()) {
            throw new IOException("no channel token on stdin");
        }
        return line.trim();
    }

    private static TestEngine jupiter() throws ReflectiveOperationException {
        return (TestEngine) Class.forName("org.junit.jupiter.engine.JupiterTestEngine")
                .getDeclaredConstructor()
                .newInstance();
    }

    /**
     * Live non-daemon threads other than the runner's: their count and names (at most 5). A thread still ending
     * (a pool shut down a moment ago by a test's clean-up) gets up to {@link #ENDING_GRACE_MILLIS} in all.
     */
    private static Map<Field, Object> leftoverThreads(Thread watchdog) {
        List<String> names = new ArrayList<>();
        int count = 0;
        long deadline = System.nanoTime() + ENDING_GRACE_MILLIS * 1_000_000L;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || t == watchdog || t.isDaemon() || "DestroyJavaVM".equals(t.getName())) {
                continue;
            }
            long leftMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            try {
                t.join(Math.max(1, leftMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!t.isAlive()) {
                continue;
            }
            count++;
            if (names.size() < 5) {
                names.add(t.getName());
            }
        }
        Map<Field, Object> left = new EnumMap<>(Field.class);
        left.put(Field.COUNT, count);
        left.put(Field.NAMES, names);
        return left;
    }

    private static String mebibytes(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
