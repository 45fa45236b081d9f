package dev.grader.workspace;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Deletes the grader's folders while its JVM exits. The work under way does not stop when the exit begins: its
 * threads run on beside the shutdown hooks (a compile goes on writing class files and creates their folders again),
 * and so do the processes it started (a test JVM), until the JVM has halted, which is only once every hook is done
 * (Testcontainers' removal of the containers takes seconds). A single pass would leave the folders that this work
 * creates again after it. So, again and again: kill every process of this JVM's that names one of the folders on its
 * command line (the work that runs in them), then delete the folders; done once none has come back for {@code quiet},
 * or at {@code deadline} at the latest.
 */
final class ExitDeletion {

    private final Supplier<Set<Path>> folders;
    private final long quietNanos;
    private final long deadlineNanos;

    ExitDeletion(Supplier<Set<Path>> folders, Duration quiet, Duration deadline) {
        this.folders = folders;
        this.quietNanos = quiet.toNanos();
        this.deadlineNanos = deadline.toNanos();
    }

    /** Runs the passes; returns the folders still there at the end (none, unless the deadline passed). */
    List<Path> run() {
        long start = System.nanoTime();
        long lastSeen = start;
        while (true) {
            Set<Path> dirs = folders.get();
            if (dirs.isEmpty()) {
                return List.of();
            }
            stopProcessesIn(dirs, start + deadlineNanos);
            for (Path dir : dirs) {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    FileTrees.deleteQuietly(dir);
                    lastSeen = System.nanoTime();
                }
            }
            long now = System.nanoTime();
            if (now - lastSeen >= quietNanos || now - start >= deadlineNanos) {
                return dirs.stream()
                        .filter(d -> Files.exists(d, LinkOption.NOFOLLOW_LINKS))
                        .toList();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.copyOf(dirs);
            }
        }
    }

    /** Kills this JVM's processes that name one of {@code dirs}, and waits for them to end (until {@code until}). */
    private static void stopProcessesIn(Set<Path> dirs, long until) {
        List<ProcessHandle> working = ProcessHandle.current()
                .descendants()
                .filter(p -> namesOneOf(p, dirs))
                .toList();
        working.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : working) {
            while (p.isAlive() && System.nanoTime() < until) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean namesOneOf(ProcessHandle p, Set<Path> dirs) {
        String line = p.info().commandLine().orElse("");
        return dirs.stream().anyMatch(d -> line.contains(d.toString()));
    }
}
