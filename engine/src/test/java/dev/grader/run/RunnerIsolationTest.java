package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.build.ClasspathResolver;
import dev.grader.build.CompileResult;
import dev.grader.build.JavaCompilation;
import dev.grader.model.TestStatus;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The runner holds against code that attacks it from inside the test JVM, with no code policy to refuse that code
 * first (fixtures/run-isolation): a submission that rewrites the runner's event writer through reflection, and one
 * whose resources register a JUnit launcher interceptor, in the first test JVM and in the one restarted after a
 * test timed out.
 */
@TestTiers.Grades
class RunnerIsolationTest {

    private static final Path FIXTURE = Fixtures.root().resolve("run-isolation");
    private static List<Path> classpath;

    @BeforeAll
    static void resolve() {
        classpath = new ClasspathResolver(Fixtures.cache(), Fixtures.settings())
                .resolve(Fixtures.fixtureCatalog().get("adder"));
    }

    /** The submission's classes and resources in one folder, as the grader gives them to the test JVM. */
    private static Path submission(Path tmp) throws IOException {
        Path main = tmp.resolve("classes/main");
        CompileResult m = JavaCompilation.compileTree(FIXTURE.resolve("main"), classpath, main, 17, FIXTURE);
        assertTrue(m.success(), m.diagnostics().toString());
        FileTrees.copyOver(FIXTURE.resolve("resources"), main);
        return main;
    }

    @Test
    void reflectionCannotRewriteTheRunnersEventsNorResourcesReconfigureJunitInAnyTestJvm(@TempDir Path tmp)
            throws IOException {
        Path main = submission(tmp);
        Path hidden = tmp.resolve("classes/hidden");
        List<Path> hiddenCp = new ArrayList<>(classpath);
        hiddenCp.add(main);
        CompileResult h = JavaCompilation.compile(
                FileTrees.files(FIXTURE.resolve("hidden"), ".java"), hiddenCp, hidden, 17, FIXTURE);
        assertTrue(h.success(), h.diagnostics().toString());
        List<Path> runCp = new ArrayList<>(classpath);
        runCp.add(hidden);
        runCp.add(main);
        Path work = Files.createDirectories(tmp.resolve("run"));
        Path marker = work.resolve("interceptor-marker.txt"); // the work folder: a confined test JVM may write there
        RunRequest request = new RunRequest(
                runCp,
                hidden,
                work,
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                "128m",
                Map.of("isolation.marker", marker.toString()),
                false);

        RunOutcome outcome;
        try (ForkedTestRunner runner = new ForkedTestRunner(Fixtures.settings())) {
            outcome = runner.run(request);
        }

        Map<String, TestOutcome> tests =
                outcome.tests().stream().collect(Collectors.toMap(TestOutcome::method, t -> t));
        String where = outcome.ending() + ": " + outcome.endingMessage() + "\n" + outcome.tests() + "\nstderr: "
                + outcome.stderrExcerpt();
        assertEquals(4, tests.size(), where);
        assertEquals(TestStatus.FAILED, tests.get("twoAndTwo").status(), where);
        assertEquals(TestStatus.TIMED_OUT, tests.get("slowThing").status(), where);
        assertEquals(TestStatus.FAILED, tests.get("oneAndThree").status(), where);
        assertEquals(TestStatus.FAILED, tests.get("zeroAndFive").status(), where);
        assertTrue(outcome.endingMessage().contains("the test JVM was restarted"), where);
        // The attack ran in both JVMs (the first test of each calls it) and reflection was refused.
        for (String test : List.of("twoAndTwo", "oneAndThree")) {
            String output = tests.get(test).output();
            assertTrue(
                    output != null && output.contains("tamper: ") && output.contains("InaccessibleObjectException"),
                    test + ": " + output);
            assertFalse(output.contains("rewrote"), test + ": " + output);
        }
        assertFalse(Files.exists(marker), "a test JVM loaded the submission's launcher interceptor");
    }

    /** The interceptor is one JUnit loads when nothing turns it off: without this, the test above proves nothing. */
    @Test
    void theSubmissionsInterceptorIsLoadedByADefaultLauncher(@TempDir Path tmp) throws Exception {
        Path main = submission(tmp);
        Path marker = tmp.resolve("marker.txt");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        String property = System.getProperty("isolation.marker");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {main.toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(loader);
            System.setProperty("isolation.marker", marker.toString());
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().build());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
            if (property == null) {
                System.clearProperty("isolation.marker");
            } else {
                System.setProperty("isolation.marker", property);
            }
        }
        assertTrue(Files.exists(marker), "JUnit did not load the fixture's interceptor");
    }
}
