package dev.grader.suitecache;

import dev.grader.build.CompileResult;
import dev.grader.build.JavaCompilation;
import dev.grader.exercise.Exercise;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles a submission and the hidden suites as every grade does, reusing the suites' classes compiled for an earlier
 * submission with the same API ({@link ApiFingerprint}) of the same exercise version, suites, libraries and compiler.
 * The submission is compiled alone, then the kept classes are copied when its API is one seen before, else the suites
 * are compiled against its classes (and kept). Always in two steps, the first grade too, so that every grade of a
 * submission compiles alike (in one compiler run, a submission's class named like a hidden one would be a duplicate;
 * against its compiled classes, the hidden source wins, as the hidden class wins on the test JVM's class path). Reused classes are a copy of the grade's own, guarded like compiled ones while the tests
 * run. The cache lives in the grader's cache folder, which a confined test JVM cannot write (SECURITY.md).
 */
public final class CompiledSuites {

    /** Kept APIs per exercise suites; the least recently used go first. */
    static final int KEPT_PER_SUITES = 16;

    /** In a kept entry, the list of its class files (written before the entry is moved in place, whole). */
    static final String LISTED = ".classes";

    private final Path root;

    /** A cache under {@code cacheDir}, or none when {@code cacheDir} is null (every grade compiles both). */
    public CompiledSuites(Path cacheDir) {
        this.root = cacheDir == null ? null : cacheDir.resolve("hidden-suites");
    }

    /**
     * {@code project}'s sources into {@code mainClasses} and the exercise's {@code hiddenSources} against them into
     * {@code hiddenClasses}, on {@code classpath}; a reused suite is reported as compiled in no time.
     */
    public JavaCompilation.Compiled compile(
            Exercise exercise,
            Path project,
            List<Path> classpath,
            Path mainClasses,
            Path hiddenClasses,
            List<Path> hiddenSources) {
        int release = exercise.manifest().javaRelease();
        Path src = project.resolve("src/main/java");
        if (root == null) {
            return JavaCompilation.compileTree(
                    src, classpath, mainClasses, release, project, companion(exercise, hiddenSources, hiddenClasses));
        }
        Path suites = root.resolve(exercise.manifest().id() + "-" + suitesKey(exercise, classpath, hiddenSources));
        CompileResult main = JavaCompilation.compileTree(src, classpath, mainClasses, release, project);
        if (!main.success()) {
            return new JavaCompilation.Compiled(main, null);
        }
        long start = System.nanoTime();
        Path kept = suites.resolve(ApiFingerprint.of(mainClasses));
        if (restore(kept, hiddenClasses)) {
            return new JavaCompilation.Compiled(
                    main,
                    new CompileResult(true, List.of(), hiddenSources.size(), (System.nanoTime() - start) / 1_000_000));
        }
        List<Path> against = new ArrayList<>(classpath);
        against.add(mainClasses);
        CompileResult hidden = JavaCompilation.compile(hiddenSources, against, hiddenClasses, release, exercise.dir());
        if (hidden.success()) {
            keep(kept, hiddenClasses);
        }
        return new JavaCompilation.Compiled(main, hidden);
    }

    private static JavaCompilation.Companion companion(Exercise exercise, List<Path> sources, Path hiddenClasses) {
        return new JavaCompilation.Companion(sources, hiddenClasses, exercise.dir());
    }

    /** What the suites' classes depend on besides the submission: exercise version, suites, libraries, compiler. */
    static String suitesKey(Exercise exercise, List<Path> classpath, List<Path> hiddenSources) {
        MessageDigest digest = ApiFingerprint.sha256();
        text(digest, exercise.manifest().id() + "@" + exercise.manifest().version());
        text(digest, "release " + exercise.manifest().javaRelease() + ", javac of " + Runtime.version());
        classpath.forEach(p -> text(digest, p.toAbsolutePath().toString()));
        for (Path source : hiddenSources.stream().sorted().toList()) {
            text(digest, exercise.dir().relativize(source.toAbsolutePath()).toString());
            try {
                digest.update(Files.readAllBytes(source));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static void text(MessageDigest digest, String s) {
        digest.update(s.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /**
     * Copies the classes kept in {@code kept} into {@code into}, every file its list names ({@link #LISTED}); false
     * when none are kept there, or when one of them cannot be copied: another grader (a process, or a thread of this
     * one) pruning the entry meanwhile deletes its files one by one, and a copy of what is left would lack test classes.
     */
    private static boolean restore(Path kept, Path into) {
        if (!Files.isDirectory(kept)) {
            return false;
        }
        if (!Files.exists(kept.resolve(LISTED))) {
            FileTrees.deleteQuietly(kept); // kept by an older grader, or half pruned: the next keep replaces it
            return false;
        }
        try {
            for (String file : Files.readAllLines(kept.resolve(LISTED), StandardCharsets.UTF_8)) {
                Path target = into.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(kept.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setLastModifiedTime(kept, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false; // being pruned by another grader meanwhile: compile
        }
    }

    /** Keeps a copy of {@code classes} as {@code kept}, written aside and moved in whole; a failure keeps nothing. */
    private static void keep(Path kept, Path classes) {
        Path aside = kept.resolveSibling(kept.getFileName() + ".tmp-"
                + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        try {
            Files.createDirectories(kept.getParent());
            List<String> files = copyTree(classes, aside);
            Files.write(aside.resolve(LISTED), files, StandardCharsets.UTF_8);
            try {
                Files.move(aside, kept, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // another grade kept the same classes first
            }
            prune(kept.getParent());
        } catch (IOException | UncheckedIOException e) {
            // a cache that cannot be written only costs compiling next time
        } finally {
            FileTrees.deleteQuietly(aside);
        }
    }

    private static void prune(Path suites) throws IOException {
        List<Path> kept;
        try (Stream<Path> list = Files.list(suites)) {
            kept = list.filter(p -> !p.getFileName().toString().contains(".tmp-"))
                    .sorted(Comparator.comparing(CompiledSuites::modified).reversed())
                    .toList();
        }
        kept.stream().skip(KEPT_PER_SUITES).forEach(FileTrees::deleteQuietly);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Copies the tree {@code from} into {@code to}; returns its files' paths relative to {@code from}. */
    private static List<String> copyTree(Path from, Path to) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                String relative = from.relativize(p).toString();
                Path target = to.resolve(relative);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    files.add(relative);
                }
            }
        }
        return files;
    }
}
