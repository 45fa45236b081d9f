package dev.grader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grader.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The grader run as a process of its own, as a user starts it, with a temporary folder of its own: its test JVMs'
 * command lines name that folder and no other grade's on the machine do.
 * For the Ctrl-C tests: {@link #interrupt()} sends SIGINT, {@link #assertNothingLeft()} checks what the grader left.
 */
final class GraderProcess implements AutoCloseable {

    private static final String RUNNER = dev.grader.run.boot.RunnerBoot.class.getName();

    private final Process process;
    private final Path tmp;
    private final Path log;

    private GraderProcess(Process process, Path tmp, Path log) {
        this.process = process;
        this.tmp = tmp;
        this.log = log;
    }

    /** Starts {@code grader grade -e exercise submission} with {@code options}, its files in {@code dir}. */
    static GraderProcess grade(Path dir, String exercise, Path submission, List<String> options) throws IOException {
        return start(dir, List.of("grade", "-e", exercise, submission.toString()), options);
    }

    /** Starts {@code grader validate exercise} with {@code options}, its files in {@code dir}. */
    static GraderProcess validate(Path dir, String exercise, List<String> options) throws IOException {
        return start(dir, List.of("validate", exercise), options);
    }

    private static GraderProcess start(Path dir, List<String> args, List<String> options) throws IOException {
        assertSigintNotIgnored();
        Path tmp = Files.createDirectories(dir.resolve("grader-tmp"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.grader.cli.Main"));
        command.addAll(args);
        command.addAll(List.of(
                "--no-color",
                "--exercises",
                Fixtures.repository().resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString()));
        command.addAll(options);
        Path log = dir.resolve("grader.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new GraderProcess(process, tmp, log);
    }

    /**
     * A process started in the background by a shell without job control ({@code cmd &} in a script) ignores SIGINT,
     * and so does every process it starts, the grader under test among them: its Ctrl-C would never arrive.
     */
    private static void assertSigintNotIgnored() throws IOException {
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

    /** Waits (two minutes at most) until {@code condition} holds, failing if the grader ends first. */
    void await(String what, BooleanSupplier condition) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                fail("the grader ended (" + process.exitValue() + ") before " + what + ":\n" + log());
            }
            Thread.sleep(50);
        }
        fail("not within two minutes: " + what + "\n" + log());
    }

    /** Waits until a local test JVM of this grader's runs. */
    void awaitTestJvm() throws Exception {
        await("a test JVM ran", () -> !mine(RUNNER).isEmpty());
    }

    /** Waits until a process of this grader's whose command line contains {@code word} runs (a database server). */
    void awaitProcess(String word) throws Exception {
        await("a process " + word + " ran", () -> !mine(word).isEmpty());
    }

    /** Sends SIGINT (Ctrl-C), as a terminal does, and waits for the grader to end with status 130. */
    void interrupt() throws Exception {
        assertTrue(process.isAlive(), "the grade ended before Ctrl-C:\n" + log());
        int printed = log().length();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertEquals(0, kill.waitFor(), "kill -INT");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the grader did not end within 60 s of Ctrl-C");
        assertEquals(130, process.exitValue(), "ended by SIGINT:\n" + log());
        String after = log().substring(Math.min(printed, log().length()));
        assertFalse(
                after.contains("Score")
                        || after.contains("error:")
                        || after.contains("Validation")
                        || after.contains("grader:"),
                "after Ctrl-C the grader printed a verdict or a message of the interrupted work:\n" + after);
    }

    /**
     * No process of this grader's (a local test JVM, the embedded database server: any that names its temporary folder)
     * outlives it by more than ten seconds, and nothing of the grader's ({@code grader-*}: its scratch folder, the
     * submission's copy, the embedded database's data) is left in its temporary folder.
     */
    void assertNothingLeft() throws Exception {
        List<String> left = mine("");
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = mine("");
        }
        assertEquals(List.of(), left, "processes left running");
        try (Stream<Path> all = Files.list(tmp)) {
            List<String> folders = all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("grader-"))
                    .sorted()
                    .toList();
            assertEquals(List.of(), folders, "left in the grader's temporary folder " + tmp);
        }
    }

    /** The processes that name this grader's temporary folder and {@code word}: "pid command line" each. */
    private List<String> mine(String word) {
        String folder = tmp + java.io.File.separator;
        return ProcessHandle.allProcesses()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(line -> line.contains(word) && line.contains(folder))
                .toList();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
