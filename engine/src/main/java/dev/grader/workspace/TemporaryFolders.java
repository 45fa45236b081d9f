package dev.grader.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The grader's folders in the system's temporary folder, deleted when the grader is done with them or, at the latest,
 * when its JVM exits: on Ctrl-C (SIGINT) or a plain {@code kill}, the JVM runs its shutdown hooks and skips every
 * {@code finally} and {@code close()} of the work still under way, which would leave the folders behind. A {@code kill
 * -9} leaves them.
 */
public final class TemporaryFolders {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> KEPT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFolders::deleteAll, "grader-temporary-folders"));
    }

    private TemporaryFolders() {}

    /** A new empty folder in the system's temporary folder, its name starting with {@code prefix}. */
    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        LIVE.add(dir);
        return dir;
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

    /**
     * Deletes every live folder, again and again for up to two seconds while one is still there: the work under way
     * (a compile, the test JVM, which ends only once this JVM has) keeps writing into them while the hooks run.
     */
    private static void deleteAll() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            for (Path dir : new ArrayList<>(LIVE)) {
                FileTrees.deleteQuietly(dir);
                if (Files.notExists(dir)) {
                    LIVE.remove(dir);
                }
            }
            if (LIVE.isEmpty() || System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The folders that would be deleted at exit now (for tests). */
    static List<Path> live() {
        return List.copyOf(LIVE);
    }
}
