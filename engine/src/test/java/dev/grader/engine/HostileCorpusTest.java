package dev.grader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.exercise.Limits;
import dev.grader.exercise.Manifest;
import dev.grader.exercise.PolicyAllowance;
import dev.grader.exercise.Service;
import dev.grader.model.GradeReport;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import dev.grader.run.Sandbox;
import dev.grader.services.ServiceBroker;
import dev.grader.services.ServiceLease;
import dev.grader.services.Services;
import dev.grader.support.postgres.PostgresSettings;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades every case of the hostile corpus ({@code corpus/hostile/}, see its README) and checks what its
 * {@code expect.yaml} says: the status, the score bound, the phrases the report must hold, the tests that must
 * not (or must) pass; and, for every case, that the grade ends within the exercise's limits, that no process
 * is left behind, that files outside the submission (another submission's folder, the grader's own
 * temporary folder) keep their content, and that a file under /tmp named to the test JVM
 * ({@code -Dhostile.server-file}, for cases that try to have the database server write it) does not appear. The exercises' limits are shortened here (see {@link #shortened}) so
 * that the cases that hang cost seconds, not minutes; the memory cap is kept.
 */
@TestTiers.Grades
class HostileCorpusTest {

    static final Path CORPUS = Fixtures.repository().resolve("corpus/hostile");
    private static final String SENTINEL = "sentinel: must keep this content\n";
    static ExerciseCatalog catalog;
    static CorpusBroker broker;
    static Grader grader;
    static Path graderSentinel;

    @BeforeAll
    static void start() throws IOException {
        start(Sandbox.NONE);
    }

    /** The grader for the cases, its test JVMs in {@code sandbox}, its database as the environment says. */
    static void start(Sandbox sandbox) throws IOException {
        start(sandbox, PostgresSettings.fromEnvironment());
    }

    /** The grader for the cases, its test JVMs in {@code sandbox} ({@link DockerHostileCorpusTest} uses Docker). */
    static void start(Sandbox sandbox, PostgresSettings database) throws IOException {
        catalog = new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
        broker = new CorpusBroker(database);
        grader = new Grader(Fixtures.cache(), broker, sandbox, Fixtures.settings());
        graderSentinel = grader.scratch().resolve("sentinel.txt");
        Files.writeString(graderSentinel, SENTINEL);
    }

    @AfterAll
    static void stop() {
        if (grader != null) {
            grader.close();
            grader = null;
        }
    }

    /** Every case of the corpus, or those named in {@code -Dhostile.case=a,b} (to run one by hand). */
    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            List<String> names = dirs.filter(d -> Files.isRegularFile(d.resolve("expect.yaml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
            String only = System.getProperty("hostile.case", "");
            if (!only.isBlank()) {
                List<String> chosen = List.of(only.split(","));
                assertTrue(names.containsAll(chosen), "no such case among " + names + ": " + chosen);
                return chosen.stream();
            }
            assertTrue(names.size() >= 20, "the corpus at " + CORPUS + " holds only " + names);
            return names.stream();
        }
    }

    /** The exercise with limits short enough for a test suite: the cases that hang wait for these. */
    static Exercise shortened(Exercise ex, List<String> policyAllow) {
        Manifest m = ex.manifest();
        boolean db = m.needs(Service.POSTGRES);
        Limits limits = new Limits(
                Duration.ofSeconds(db ? 5 : 4),
                Duration.ofSeconds(db ? 40 : 30),
                m.limits().memoryBytes());
        return new Exercise(
                ex.dir(),
                m.withLimits(limits)
                        .alsoAllowing(policyAllow.stream()
                                .map(
                                        api -> new PolicyAllowance(
                                                api,
                                                "the hostile corpus proves the run-time containment of code that the code policy would refuse"))
                                .toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileSubmissionIsContained(String name, @TempDir Path tmp) throws Exception {
        HostileCase c = HostileCase.load(CORPUS.resolve(name));
        Exercise real = catalog.get(c.exercise());
        Exercise ex = shortened(real, c.policyAllow());
        Path submission = c.materialise(real, tmp.resolve("submission"), tmp.resolve("outside"));
        Path other = Files.createDirectories(tmp.resolve("other-submission"));
        Path otherSentinel = other.resolve("Sentinel.java");
        Files.writeString(otherSentinel, SENTINEL);
        broker.other = other;
        // A file the database server (which runs outside the test JVM's confinement) would write if it obeyed the case.
        Path serverFile = Path.of("/tmp", "hostile-server-file-" + name + "-" + System.nanoTime());
        broker.serverFile = serverFile;
        if (ex.manifest().needs(Service.POSTGRES)) {
            broker.warmUp(ex); // the database server is the grader's, started once: not a leftover of the case
        }
        Set<Long> before = descendants().keySet();

        long t0 = System.nanoTime();
        GradeReport r = grader.grade(ex, submission, new GradeOptions(42, false));
        double wall = (System.nanoTime() - t0) / 1e9;

        String all = everything(r);
        String where = "\ncase " + name + ": " + c.what() + "\nreport: " + r.status() + " " + r.percent() + "% ending "
                + (r.run() == null ? null : r.run().ending()) + "\n" + all;
        assertEquals(c.status(), r.status(), where);
        if (c.ending() != null) {
            assertEquals(c.ending(), r.run().ending(), where);
        }
        assertTrue(
                r.percent() <= c.maxPercent(),
                "score " + r.percent() + "% is above the case's bound " + c.maxPercent() + "%" + where);
        for (String phrase : c.phrases()) {
            assertTrue(all.contains(phrase), "the report does not say \"" + phrase + "\"" + where);
        }
        Map<String, TestStatus> statuses =
                r.tests().stream().collect(Collectors.toMap(TestScore::name, TestScore::status));
        for (String pattern : c.notPassed()) {
            List<String> matching = matching(statuses, pattern);
            assertFalse(matching.isEmpty(), "no hidden test matches " + pattern + where);
            for (String test : matching) {
                assertTrue(statuses.get(test) != TestStatus.PASSED, test + " is reported passed" + where);
            }
        }
        for (String test : c.passed()) {
            assertEquals(
                    TestStatus.PASSED,
                    statuses.get(test),
                    test + " should still pass: the rest of the run must go on" + where);
        }
        double wholeRun = ex.manifest().limits().wholeRun().toSeconds();
        assertTrue(
                r.timing().tests() <= wholeRun + 10,
                "the tests took " + r.timing().tests() + " s; the whole-run limit is " + wholeRun + " s" + where);
        assertTrue(wall <= wholeRun + 60, "the grade took " + wall + " s" + where);

        assertNoProcessLeft(before, c.leftoverMarker(), where);
        assertTrue(Files.notExists(serverFile), "something outside the test JVM wrote " + serverFile + where);
        boolean confined = r.warnings().stream().noneMatch(w -> w.contains("without file-system confinement"));
        if (c.outsideWrites() && !confined) {
            // Nothing stops a process from writing where its user may: the run must not count, and the report says so.
            assertTrue(all.contains("changed the grader's compiled test classes or runner"), where);
            assertTrue(r.tests().stream().noneMatch(t -> t.status() == TestStatus.PASSED), where);
            Files.writeString(graderSentinel, SENTINEL);
        } else {
            assertEquals(SENTINEL, Files.readString(otherSentinel), "another submission's file changed" + where);
            assertEquals(SENTINEL, Files.readString(graderSentinel), "the grader's own temporary file changed" + where);
            assertTrue(Files.notExists(other.resolve("HOSTILE-WAS-HERE")), where);
        }
        if (c.outsideWrites()) {
            GradeReport control =
                    grader.grade(ex, Variants.solution(real, tmp.resolve("control")), new GradeOptions(42, false));
            assertTrue(
                    control.fullMarks(),
                    "after the case, the reference solution must still get full marks: " + everything(control));
        }
    }

    private static List<String> matching(Map<String, TestStatus> statuses, String pattern) {
        return statuses.keySet().stream()
                .filter(n -> pattern.endsWith("*")
                        ? n.startsWith(pattern.substring(0, pattern.length() - 1))
                        : n.equals(pattern))
                .sorted()
                .toList();
    }

    /** Every sentence of the report a person reads: messages, warnings, diagnostics, each test's message and output. */
    private static String everything(GradeReport r) {
        List<String> parts = new ArrayList<>();
        parts.add("status: " + r.statusMessage());
        r.policyViolations().forEach(v -> parts.add("policy: " + v.text() + " [" + v.rule() + "]"));
        if (r.run() != null) {
            parts.add("run: " + r.run().message());
        }
        r.warnings().forEach(w -> parts.add("warning: " + w));
        if (r.compilation() != null) {
            r.compilation().diagnostics().forEach(d -> parts.add("compile: " + d));
        }
        for (TestScore t : r.tests()) {
            if (t.status() != TestStatus.PASSED || t.output() != null) {
                parts.add("test " + t.name() + " " + t.status() + ": " + t.message()
                        + (t.output() == null
                                ? ""
                                : "\n  output: "
                                        + t.output()
                                                .substring(
                                                        0,
                                                        Math.min(300, t.output().length()))));
            }
        }
        return String.join("\n", parts);
    }

    /**
     * Processes below this test JVM, less the grader's own class-archive dumps: a {@code java -Xshare:dump} that the
     * grader (running in this JVM) starts as a direct child of its own after a test JVM recorded its class list, and
     * that may still be running when a case ends. A process of the code under test is never a direct child of this
     * JVM (it descends from a test JVM), so it cannot pass for one.
     */
    private static Map<Long, String> descendants() {
        Map<Long, String> all = new HashMap<>();
        ProcessHandle.current()
                .descendants()
                .filter(p -> !isGradersArchiveDump(p))
                .forEach(p -> all.put(
                        p.pid(),
                        p.info().commandLine().orElse(p.info().command().orElse("?"))));
        return all;
    }

    private static boolean isGradersArchiveDump(ProcessHandle p) {
        boolean child = p.parent()
                .map(parent -> parent.pid() == ProcessHandle.current().pid())
                .orElse(false);
        List<String> args = p.info().arguments().map(List::of).orElse(List.of());
        // The arguments and the command line are read separately from /proc and either may be missing a moment.
        String line = p.info().commandLine().orElse("");
        return child
                && ((args.size() > 1
                                && args.get(0).equals("-Xshare:dump")
                                && args.get(1).startsWith("-XX:SharedClassListFile="))
                        || line.contains(" -Xshare:dump -XX:SharedClassListFile="));
    }

    private static void assertNoProcessLeft(Set<Long> before, String marker, String where) throws InterruptedException {
        Map<Long, String> left = Map.of();
        List<String> marked = List.of();
        for (int i = 0; i < 50; i++) { // killed processes take a moment to go
            left = new HashMap<>(descendants());
            left.keySet().removeAll(before);
            marked = marker == null
                    ? List.of()
                    : ProcessHandle.allProcesses()
                            .map(p -> p.info().commandLine().orElse(""))
                            .filter(cmd -> cmd.contains(marker))
                            .toList();
            if (left.isEmpty() && marked.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("processes left behind: " + left.values() + " " + marked + where);
    }

    /** No services but a database for the exercises that need one; every lease also names the other submission. */
    static final class CorpusBroker implements ServiceBroker {
        volatile Path other;
        volatile Path serverFile;
        private final PostgresSettings settings;
        private Services database;

        CorpusBroker(PostgresSettings settings) {
            this.settings = settings;
        }

        private synchronized Services database() {
            if (database == null) {
                database = new Services(settings);
            }
            return database;
        }

        void warmUp(Exercise ex) {
            database().lease(ex, "warm-up").close();
        }

        @Override
        public ServiceLease lease(Exercise exercise, String submissionLabel) {
            ServiceLease base = exercise.manifest().needs(Service.POSTGRES)
                    ? database().lease(exercise, submissionLabel)
                    : ServiceLease.none();
            Map<String, String> props = new HashMap<>(base.systemProperties());
            props.put("hostile.other", other.toString());
            props.put("hostile.server-file", serverFile.toString());
            return new ServiceLease() {
                @Override
                public Map<String, String> systemProperties() {
                    return props;
                }

                @Override
                public String databaseDescription() {
                    return base.databaseDescription();
                }

                @Override
                public void close() {
                    base.close();
                }
            };
        }

        @Override
        public synchronized void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
