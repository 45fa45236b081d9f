package dev.grader.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit's deletion outlasts the work that goes on writing into the folders while the JVM exits. */
class ExitDeletionTest {

    @TempDir
    Path tmp;

    @Test
    void aFolderCreatedAgainByAThreadStillWritingIsDeletedOnceTheThreadStops() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("grader-1"));
        Thread writer = new Thread(() -> writeFor(dir, Duration.ofMillis(1200)));
        writer.start();
        List<Path> left = new ExitDeletion(() -> Set.of(dir), Duration.ofMillis(500), Duration.ofSeconds(10)).run();
        assertFalse(writer.isAlive(), "the deletion returned while the writer still wrote");
        assertEquals(List.of(), left);
        assertFalse(Files.exists(dir), "created again after the deletion");
    }

    @Test
    void aProcessWritingIntoAFolderIsKilledBeforeItIsDeleted() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("grader-2"));
        Process p = new ProcessBuilder(
                        "sh",
                        "-c",
                        "while :; do mkdir -p \"$0/x\"; date > \"$0/x/f\"; sleep 0.02; done",
                        dir.toString())
                .start();
        assertTrue(waitFor(() -> Files.exists(dir.resolve("x/f"))), "the process wrote nothing");
        List<Path> left = new ExitDeletion(() -> Set.of(dir), Duration.ofMillis(300), Duration.ofSeconds(10)).run();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS), "the process still runs");
        assertEquals(List.of(), left);
        assertFalse(Files.exists(dir));
    }

    @Test
    void theDeadlineEndsTheWaitForWorkThatNeverStops() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("grader-3"));
        Thread writer = new Thread(() -> writeFor(dir, Duration.ofSeconds(8)));
        writer.setDaemon(true);
        writer.start();
        long start = System.nanoTime();
        new ExitDeletion(() -> Set.of(dir), Duration.ofMillis(500), Duration.ofSeconds(1)).run();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis >= 1000 && millis < 4000, "took " + millis + " ms");
        assertTrue(writer.isAlive());
        writer.interrupt();
    }

    /**
     * The whole exit, in a JVM of its own: while it exits (for two seconds, another hook's), a thread that asks for
     * folders stops at the next one it asks for, and a thread that only writes goes on writing into a folder (created
     * again, deleted again); nothing of the grader's is left in its temporary folder.
     */
    @Test
    void aJvmExitingWhileItsWorkGoesOnLeavesNoFolder() throws Exception {
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        Path log = tmp.resolve("log.txt");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.io.tmpdir=" + javaTmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        WritingThroughExit.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM did not end");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertEquals(
                    List.of(), left.map(Path::getFileName).map(Path::toString).toList(), out);
        }
        assertFalse(out.contains("during the exit") || out.contains("create failed"), out);
    }

    /** The JVM of the test above. */
    static final class WritingThroughExit {
        public static void main(String[] args) throws Exception {
            Path dir = TemporaryFolders.create("grader-");
            // work that asks for folders: it stops at the first one it asks for once the exit began
            Thread steps = new Thread(() -> {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < until) {
                    try {
                        Path more = TemporaryFolders.create("grader-more-");
                        if (TemporaryFolders.exiting()) {
                            System.out.println("a folder handed out during the exit: " + more);
                        }
                    } catch (IOException e) {
                        System.out.println("create failed: " + e.getMessage());
                    }
                    write(dir);
                    pause();
                }
            });
            // work that only writes (a compile): it goes on through the exit, creating its folders again
            Thread writes = new Thread(() -> writeFor(dir, Duration.ofMillis(2500)));
            steps.start();
            writes.start();
            // another hook that takes its time, as Testcontainers' removal of the containers does
            Runtime.getRuntime().addShutdownHook(new Thread(() -> sleep(2000)));
            Thread.sleep(300);
            System.exit(0);
        }
    }

    private static void writeFor(Path dir, Duration howLong) {
        long until = System.nanoTime() + howLong.toNanos();
        while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
            write(dir);
            pause();
        }
    }

    private static void write(Path dir) {
        try {
            Files.writeString(Files.createDirectories(dir.resolve("classes/a")).resolve("A.class"), "x");
        } catch (IOException e) {
            // deleted meanwhile: the next round creates it again
        }
    }

    private static void pause() {
        sleep(20);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
