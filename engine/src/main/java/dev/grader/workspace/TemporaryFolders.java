package dev.grader.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The grader's folders in the system's temporary folder, deleted when the grader is done with them or, at the latest,
 * when its JVM exits: on Ctrl-C (SIGINT) or a plain {@code kill}, the JVM runs its shutdown hooks and skips every
 * {@code finally} and {@code close()} of the work still under way, which would leave the folders behind. From then on
 * the grader's threads stop at the next step that would write ({@link #stopHereIfExiting}), and the work still writing
 * into the folders is outlasted ({@link ExitDeletion}). A {@code kill -9} leaves them.
 */
public final class TemporaryFolders {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> KEPT = ConcurrentHashMap.newKeySet();
    /** How long the folders must stay gone at exit before the grader's JVM may end. */
    private static final Duration QUIET = Duration.ofMillis(1500);
    /** How long the exit waits at most for the work under way to stop writing into the folders. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFolders::deleteAll, "grader-temporary-folders"));
    }

    private TemporaryFolders() {}

    /** A new empty folder in the system's temporary folder, its name starting with {@code prefix}. */
    public static Path create(String prefix) throws IOException {
        stopHereIfExiting();
        Path dir = Files.createTempDirectory(prefix);
        LIVE.add(dir);
        stopHereIfExiting(); // the exit began meanwhile: its deletion has the folder
        return dir;
    }

    /** Whether the JVM has begun to exit (Ctrl-C, a {@code kill}, or the end of the command). */
    public static boolean exiting() {
        return exiting;
    }

    /**
     * Once the JVM has begun to exit, the calling thread stops here and waits for the JVM to end (it halts once its
     * shutdown hooks are done, whatever other threads do) instead of going on with work whose folders are being
     * deleted and whose output nobody waits for. Called where the grader's work starts a step that writes: a new
     * folder, a copy, a line of output. Returns at once otherwise.
     *
     * @throws IOException if the JVM is still there a minute later
     */
    public static void stopHereIfExiting() throws IOException {
        if (!exiting) {
            return;
        }
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
        throw new IOException("the grader is stopping");
    }

    /** Deletes {@code dir} and what it holds, as far as it can, unless it was {@linkplain #keep kept}. */
    public static void delete(Path dir) {
        if (dir == null || KEPT.contains(dir)) {
            return;
        }
        FileTrees.deleteQuietly(dir);
        LIVE.remove(dir);
    }

    /** Leaves {@code dir} where it is: {@link #delete} and the exit pass it by (a work folder kept for debugging). */
    public static void keep(Path dir) {
        KEPT.add(dir);
        LIVE.remove(dir);
    }

    /** At exit: no folder handed out from now on, and every live one deleted once the work in it has stopped. */
    private static void deleteAll() {
        exiting = true;
        new ExitDeletion(() -> Set.copyOf(LIVE), QUIET, DEADLINE).run();
    }

    /** The folders that would be deleted at exit now (for tests). */
    static List<Path> live() {
        return List.copyOf(LIVE);
    }
}
