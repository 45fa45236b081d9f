package dev.grader.run;

import dev.grader.model.GraderSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Class data sharing for local test JVMs: an archive of the classes a test JVM loads from the exercise's
 * libraries (the JUnit Platform, JDBC drivers, ORMs) and the JDK, parsed and verified once, then mapped by every
 * later test JVM with the same libraries instead of being loaded again; a test JVM starts and runs its first
 * tests noticeably faster. One archive per JDK and set of library jars (path, size and time of each), kept in
 * the grader's cache; a JVM whose libraries no longer match the archive ignores it.
 *
 * <p>The first test JVM of a set of libraries writes the list of classes it loaded into its work folder; after
 * its run, a JVM of the grader's ({@code java -Xshare:dump}, with the libraries only on its classpath) builds the
 * archive from that list. The list comes from a JVM that ran the submission, so only plain class names and
 * lambda entries are kept from it, and only classes of the JDK and of the library jars can end up archived:
 * nothing of the submission's or of the hidden suites'. {@code GRADER_TEST_JVM_CDS=off} turns this off.
 */
final class ClassArchive {

    /** Environment variable that turns the archive off ({@code off}). */
    static final String SWITCH_ENV = GraderSettings.TEST_JVM_CDS;
    /** Longest a dump may take before it is abandoned. */
    static final long DUMP_TIMEOUT_SECONDS = 120;
    /** The lines of a class list that are kept: class names, lambda proxies and lambda-form invokers. */
    private static final Pattern KEPT = Pattern.compile(
            "[A-Za-z0-9_$/]{1,400}|@lambda-proxy [A-Za-z0-9_$/]{1,400} [^\\n]{1,2000}|@lambda-form-invoker \\[[A-Z_]{1,40}\\] [^\\n]{1,2000}");

    private final Path dir;
    private final String java;
    private final Set<String> pending = new HashSet<>();
    private final List<Dump> dumps = new ArrayList<>();

    /** A dump running, and what happens when it ends. */
    private record Dump(Process process, CompletableFuture<Void> finished) {}

    ClassArchive(Path dir, String java) {
        this.dir = dir;
        this.java = java;
    }

    /** An archive kept in {@code cacheDir}, or null when turned off or there is no cache. */
    static ClassArchive in(Path cacheDir, String java, GraderSettings settings) {
        if (cacheDir == null || !settings.classArchive()) {
            return null;
        }
        return new ClassArchive(cacheDir.resolve("test-jvm-cds"), java);
    }

    /**
     * Options for a test JVM whose classpath starts with {@code libraries}: map their archive when there is one,
     * else (unless one is being made) write the classes it loads to {@code record}, a file in its work folder.
     */
    synchronized List<String> options(List<Path> libraries, Path record) {
        if (libraries.isEmpty()) {
            return List.of();
        }
        String key = key(libraries);
        Path archive = dir.resolve(key + ".jsa");
        if (Files.isRegularFile(archive)) {
            return List.of(
                    "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        if (pending.contains(key) || Files.exists(dir.resolve(key + ".failed"))) {
            return List.of();
        }
        pending.add(key);
        return List.of("-XX:DumpLoadedClassList=" + record);
    }

    /**
     * After a test JVM given {@link #options} ended: when it ran to its end ({@code completed}), builds the archive
     * from the classes it recorded, in the background ({@link #close()} waits for it); else a later one records.
     * The record is consumed: a JVM restarted in the same folder that does not record leaves none.
     */
    synchronized void recorded(List<Path> libraries, Path record, boolean completed) {
        if (!Files.isRegularFile(record)) {
            return; // this JVM did not record (it mapped the archive, or another one is recording)
        }
        String key = key(libraries);
        Path archive = dir.resolve(key + ".jsa");
        List<String> lines;
        try {
            lines = Files.readAllLines(record, StandardCharsets.UTF_8);
            Files.delete(record);
        } catch (IOException | RuntimeException e) {
            failed(key, "could not read the recorded class list: " + e.getMessage());
            return;
        }
        if (!completed || Files.isRegularFile(archive)) {
            pending.remove(key);
            return;
        }
        try {
            Files.createDirectories(dir);
            Path list = Files.createTempFile(dir, key + "-", ".classlist");
            Files.write(list, kept(lines));
            Path partial = dir.resolve(key + "-" + ProcessHandle.current().pid() + ".jsa.part");
            List<String> cmd = List.of(
                    java,
                    "-Xshare:dump",
                    "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + partial,
                    "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off",
                    "-cp",
                    String.join(
                            File.pathSeparator,
                            libraries.stream().map(Path::toString).toList()));
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            dumps.add(new Dump(p, p.onExit().thenRun(() -> finish(key, list, partial, archive, p.exitValue()))));
        } catch (IOException | RuntimeException e) {
            failed(key, "could not start the dump: " + e.getMessage());
        }
    }

    /** Ran by the dump's exit: the archive is moved into place, or the failure remembered. */
    private synchronized void finish(String key, Path list, Path partial, Path archive, int status) {
        pending.remove(key);
        try {
            Files.deleteIfExists(list);
            if (status == 0 && Files.isRegularFile(partial)) {
                try {
                    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.deleteIfExists(partial);
                failed(key, "java -Xshare:dump ended with status " + status);
            }
        } catch (IOException e) {
            failed(key, e.getMessage());
        }
    }

    /** Remembers that this set of libraries cannot be archived, so that later grades do not try again. */
    private void failed(String key, String why) {
        pending.remove(key);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(key + ".failed"), why + "\n");
        } catch (IOException ignored) {
            // next time, then
        }
    }

    /** The lines of a recorded class list that may be given to a dump. */
    static List<String> kept(List<String> lines) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (KEPT.matcher(line).matches() && !line.contains("source:")) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** Names the archive of {@code libraries} for this JDK: any change to a jar, or another JDK, is another key. */
    static String key(List<Path> libraries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Path jar : libraries) {
                long size = -1;
                long modified = -1;
                try {
                    size = Files.size(jar);
                    modified = Files.getLastModifiedTime(jar).toMillis();
                } catch (IOException e) {
                    // a missing jar keys the archive too; the JVM will not find it either
                }
                sha.update(
                        (jar.toAbsolutePath() + "\n" + size + "\n" + modified + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the dumps still running (a command line grade ends after them), then stops any left. */
    void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DUMP_TIMEOUT_SECONDS);
        List<Dump> running;
        synchronized (this) {
            running = List.copyOf(dumps);
            dumps.clear();
        }
        for (Dump d : running) {
            try {
                if (!d.process().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    d.process().destroyForcibly();
                }
                d.finished().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                d.process().destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                // the archive is not there; the next grade records again
            }
        }
    }
}
