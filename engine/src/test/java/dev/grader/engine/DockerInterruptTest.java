package dev.grader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grader.DockerEngine;
import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ctrl-C during a grade, against a real Docker engine: the grader runs as a process of its own (as a user starts
 * it), gets SIGINT while its container runs (the test JVM's under {@code --sandbox docker}, the database's under
 * {@code --db testcontainers}), ends with the interrupted status 130, and leaves no container of the grader's
 * behind, nor a test JVM running.
 */
@TestTiers.Docker
class DockerInterruptTest {

    private static final Path CORPUS = Fixtures.repository().resolve("corpus/hostile");

    @BeforeAll
    static void dockerEngineAnswers() {
        DockerEngine.require();
    }

    /**
     * A process started in the background by a shell without job control ({@code cmd &} in a script) ignores SIGINT,
     * and so does every process it starts, the grader under test among them: its Ctrl-C would never arrive.
     */
    @BeforeAll
    static void thisProcessDoesNotIgnoreSigint() throws IOException {
        Path status = Path.of("/proc/self/status"); // Linux; elsewhere there is nothing to read
        for (String line : Files.exists(status) ? Files.readAllLines(status) : List.<String>of()) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(
                        line.substring("SigIgn:".length()).trim(), 16);
                assertEquals(
                        0,
                        ignored & (1L << (2 - 1)),
                        "SIGINT is ignored in the build's test JVM (" + line + "), so the grader it starts ignores "
                                + "Ctrl-C too; the build was started in the background by a shell without job "
                                + "control: run it in the foreground, or with 'set -m'");
            }
        }
    }

    /** What is graded, how, and the role of the container running when Ctrl-C comes. */
    static Stream<Arguments> grades() {
        return Stream.of(
                Arguments.of("sandbox", List.of("--sandbox", "docker"), "grader-jvm-"),
                Arguments.of("database", List.of("--db", "testcontainers"), "grader-db-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grades")
    void ctrlCDuringAGradeLeavesNoContainer(String what, List<String> mode, String container, @TempDir Path tmp)
            throws Exception {
        ExerciseCatalog catalog = new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
        String exercise;
        Path submission;
        if (what.equals("sandbox")) { // a test that sleeps until its limit: the container runs for seconds
            HostileCase c = HostileCase.load(CORPUS.resolve("sleep-forever"));
            exercise = c.exercise();
            submission = c.materialise(catalog.get(exercise), tmp.resolve("submission"), tmp.resolve("outside"));
        } else {
            exercise = "n-plus-one";
            submission = Variants.solution(catalog.get(exercise), tmp.resolve("submission"));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.grader.cli.Main",
                "grade",
                "-e",
                exercise,
                submission.toString(),
                "--no-color",
                "--exercises",
                Fixtures.repository().resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString()));
        command.addAll(mode);
        Path log = tmp.resolve("grader.log");
        Process grader = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            waitForContainer(grader, container, log);
            assertTrue(grader.isAlive(), "the grade ended before Ctrl-C:\n" + read(log));
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(grader.pid())).start();
            assertEquals(0, kill.waitFor(), "kill -INT");
            assertTrue(grader.waitFor(60, TimeUnit.SECONDS), "the grader did not end within 60 s of Ctrl-C");
            assertEquals(130, grader.exitValue(), "ended by SIGINT:\n" + read(log));
            DockerEngine.assertNoGraderContainer();
            assertNoTestJvmLeft();
        } finally {
            grader.destroyForcibly();
        }
    }

    /** Waits (up to two minutes) until a running container of the grader's is named {@code prefix}... */
    private static void waitForContainer(Process grader, String prefix, Path log) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until) {
            if (DockerEngine.graderContainers().stream().anyMatch(c -> c.contains(prefix) && c.endsWith("running"))) {
                return;
            }
            if (!grader.isAlive()) {
                fail("the grader ended (" + grader.exitValue() + ") before a container " + prefix + "* ran:\n"
                        + read(log));
            }
            Thread.sleep(50);
        }
        fail("no container " + prefix + "* ran within two minutes:\n" + read(log));
    }

    /** No local test JVM (the runner's process) outlives the grader by more than ten seconds. */
    private static void assertNoTestJvmLeft() throws InterruptedException {
        String runner = dev.grader.run.boot.RunnerBoot.class.getName();
        List<String> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(runner))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("test JVMs left running: " + left);
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
