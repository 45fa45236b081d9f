package dev.grader.run.child;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The hidden test classes run {@code parallel} at a time ({@link StartArgs#parallel}): everything is discovered and
 * planned first, in one plan; then worker threads of this runner take the classes one by one, each class one launcher
 * execution of its own with its test methods one after another, until none is left; the {@code isolated} classes run
 * last, alone, one after another, once the grader said that no other test JVM of its runs isolated classes
 * ({@link Event#ALONE}). Never more than {@code parallel} tests run at once, a bound the grader checks on the
 * event stream: JUnit Jupiter's own parallel execution does not promise one (its fork-join pool may run more tests than
 * its parallelism), which is why the classes are handed out here.
 */
final class ParallelRun {

    private ParallelRun() {}

    /** One test class of the plan: its container's unique id and the selectors that run what was chosen of it. */
    record TestClass(String id, String name, List<DiscoverySelector> selectors) {}

    /**
     * Plans and runs {@code selectors}' tests, {@code request} making the discovery request of some selectors (always
     * with sequential execution inside a class).
     */
    static void run(
            Launcher launcher,
            StartArgs start,
            List<DiscoverySelector> selectors,
            EventChannel channel,
            OutputCapture capture,
            Function<List<DiscoverySelector>, LauncherDiscoveryRequest> request)
            throws InterruptedException {
        TestPlan plan = launcher.discover(request.apply(selectors));
        channel.send(Event.PLAN.line().with(Field.TESTS, EventListener.entries(plan, "")));
        Deque<TestClass> shared = new ArrayDeque<>();
        List<TestClass> alone = new ArrayList<>();
        Pattern isolated = isolated(start.isolated());
        for (TestClass c : classes(plan)) {
            (isolated.matcher(c.name()).matches() ? alone : shared).add(c);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        int threads = Math.min(start.parallel(), shared.size()); // before any worker takes a class off the queue
        for (int i = 1; i <= threads; i++) {
            Thread worker = new Thread(
                    () -> {
                        try {
                            for (TestClass c = next(shared); c != null; c = next(shared)) {
                                execute(launcher, c, channel, capture, request, start.perTestMillis());
                            }
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        }
                    },
                    "grader-classes-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a test class runner failed: " + failure.get(), failure.get());
        }
        if (alone.stream().anyMatch(c -> !c.selectors().isEmpty())) {
            channel.send(Event.ALONE.line());
            try {
                channel.awaitAlone();
            } catch (java.io.IOException e) {
                return; // the grader closed the channel: the run is over
            }
        }
        for (TestClass c : alone) {
            execute(launcher, c, channel, capture, request, start.perTestMillis());
        }
    }

    private static TestClass next(Deque<TestClass> queue) {
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    private static void execute(
            Launcher launcher,
            TestClass c,
            EventChannel channel,
            OutputCapture capture,
            Function<List<DiscoverySelector>, LauncherDiscoveryRequest> request,
            long perTestMillis) {
        if (c.selectors().isEmpty()) {
            return;
        }
        launcher.execute(request.apply(c.selectors()), new EventListener(channel, capture, "", true, perTestMillis));
    }

    /**
     * The top-level test classes of {@code plan}, in plan order, each with the selectors of its planned scoring units
     * (after a restart, the plan holds only the tests still to run).
     */
    static List<TestClass> classes(TestPlan plan) {
        List<TestClass> out = new ArrayList<>();
        for (TestIdentifier engine : plan.getRoots()) {
            for (TestIdentifier child : plan.getChildren(engine)) {
                if (child.getSource().orElse(null) instanceof ClassSource source) {
                    List<DiscoverySelector> units = new ArrayList<>();
                    collectUnits(plan, child, units);
                    out.add(new TestClass(child.getUniqueId(), source.getClassName(), units));
                }
            }
        }
        return out;
    }

    private static void collectUnits(TestPlan plan, TestIdentifier node, List<DiscoverySelector> out) {
        for (TestIdentifier child : plan.getChildren(node)) {
            if (child.getSource().orElse(null) instanceof MethodSource) {
                out.add(DiscoverySelectors.selectUniqueId(child.getUniqueId()));
            } else {
                collectUnits(plan, child, out);
            }
        }
    }

    /** Matches a class name (with nested classes' {@code $...}) that {@code names}, simple or qualified, list. */
    static Pattern isolated(List<String> names) {
        if (names.isEmpty()) {
            return Pattern.compile("(?!)");
        }
        List<String> alternatives = new ArrayList<>();
        for (String name : names) {
            alternatives.add((name.contains(".") ? "" : "(?:.+\\.)?") + Pattern.quote(name) + "(?:\\$.+)?");
        }
        return Pattern.compile(String.join("|", alternatives));
    }
}
