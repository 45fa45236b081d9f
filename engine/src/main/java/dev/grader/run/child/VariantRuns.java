package dev.grader.run.child;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;

/**
 * One test JVM running the same tests against several variants of the code under test (the candidate's own tests
 * against the reference solution and every mutant): each variant's classes and the tests in a class loader of their
 * own, whose parent is the class path (JUnit and the exercise's libraries, shared). All variants are discovered
 * first and planned in one plan, every id prefixed {@code [variant:NAME]/}; then each runs in turn, its loader as the
 * thread's context class loader (JUnit loads the classes it finds in a class path root through it).
 *
 * <p>The variants file has one line per variant: its name, a tab, and its class path entries separated by tabs.
 */
final class VariantRuns {

    private VariantRuns() {}

    private record Planned(String prefix, ClassLoader loader, TestPlan plan) {}

    /** The prefix of a variant's ids. */
    static String prefix(String name) {
        return "[variant:" + name + "]/";
    }

    /**
     * Plans and runs every variant of {@code start.variants()} ({@code selection}: only these prefixed ids, after a
     * restart; null for all), {@code request} making the discovery request of some selectors.
     */
    static void run(
            Launcher launcher,
            StartArgs start,
            List<String> selection,
            EventChannel channel,
            OutputCapture capture,
            Function<List<DiscoverySelector>, LauncherDiscoveryRequest> request)
            throws IOException {
        List<Planned> planned = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            for (String line : Files.readAllLines(Path.of(start.variants()), StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t");
                if (line.isBlank() || parts.length < 2) {
                    continue;
                }
                String prefix = prefix(parts[0]);
                List<DiscoverySelector> selectors = new ArrayList<>();
                if (selection == null) {
                    selectors.addAll(selectClasspathRoots(Set.of(Path.of(start.hiddenClasses()))));
                } else {
                    selection.stream()
                            .filter(id -> id.startsWith(prefix))
                            .forEach(id ->
                                    selectors.add(DiscoverySelectors.selectUniqueId(id.substring(prefix.length()))));
                    if (selectors.isEmpty()) {
                        continue;
                    }
                }
                URL[] urls = new URL[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    urls[i - 1] = url(parts[i]);
                }
                // One name for every variant: a test must not tell the reference from a mutant by its loader.
                ClassLoader loader = new URLClassLoader("variant", urls, ClassLoader.getSystemClassLoader());
                thread.setContextClassLoader(loader);
                planned.add(new Planned(prefix, loader, launcher.discover(request.apply(selectors))));
            }
            List<Map<Field, Object>> tests = new ArrayList<>();
            planned.forEach(p -> tests.addAll(EventListener.entries(p.plan(), p.prefix())));
            channel.send(Event.PLAN.line().with(Field.TESTS, tests));
            for (Planned p : planned) {
                thread.setContextClassLoader(p.loader());
                launcher.execute(
                        p.plan(), new EventListener(channel, capture, p.prefix(), true, start.perTestMillis()));
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL url(String path) throws MalformedURLException {
        return Path.of(path).toUri().toURL();
    }
}
