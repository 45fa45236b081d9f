package dev.grader.owntests;

import dev.grader.build.CompileResult;
import dev.grader.build.JavaCompilation;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.Mutant;
import dev.grader.model.Diagnostic;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled main classes of an exercise's reference solution and of each of its mutants, compiled once per exercise
 * content and kept in the grader's cache folder ({@code owntests/<exercise>/<digest>/<variant>}), so that a grade runs
 * the candidate's tests against them without compiling anything but the tests. The digest covers the starter's main
 * sources, the solution and the mutants: an exercise edited without a version bump still gets fresh builds. Each build's
 * content is remembered when this grader process first uses it and checked at every later use: one rewritten meanwhile
 * (by a candidate's test where the test JVM is not confined) is built again, so it never reaches another submission
 * graded by this process.
 */
final class VariantBuilds {

    /** The folder name of the solution's classes; a mutant's is {@code mutant-<name>}. */
    static final String SOLUTION = "solution";

    private final Path cacheDir;
    private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Path, String> contents = new ConcurrentHashMap<>();

    VariantBuilds(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** One variant's classes, or why they are missing ({@code problem}: it did not compile). */
    record Build(String name, Mutant mutant, Path classes, String problem) {}

    /** The solution's build. */
    Build solution(Exercise exercise, List<Path> classpath) {
        return build(exercise, null, classpath);
    }

    /** {@code mutant}'s build. */
    Build mutant(Exercise exercise, Mutant mutant, List<Path> classpath) {
        return build(exercise, mutant, classpath);
    }

    private Build build(Exercise exercise, Mutant mutant, List<Path> classpath) {
        String name = mutant == null ? SOLUTION : "mutant-" + mutant.name();
        Path dir = cacheDir.resolve("owntests")
                .resolve(exercise.id())
                .resolve(digest(exercise))
                .resolve(name);
        Path failed = dir.resolveSibling(name + ".failed");
        synchronized (locks.computeIfAbsent(dir, d -> new Object())) {
            try {
                if (Files.isDirectory(dir)
                        && contents.containsKey(dir)
                        && !contents.get(dir).equals(contentDigest(dir))) {
                    FileTrees.deleteQuietly(dir); // changed since this process built or first used it
                    contents.remove(dir);
                }
                if (!Files.isDirectory(dir) && !Files.isRegularFile(failed)) {
                    compile(exercise, mutant, classpath, dir, failed);
                }
                if (Files.isDirectory(dir)) {
                    contents.putIfAbsent(dir, contentDigest(dir));
                }
                if (Files.isRegularFile(failed)) {
                    return new Build(name, mutant, null, Files.readString(failed));
                }
                return new Build(name, mutant, dir, null);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot build " + name + " of " + exercise.id() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Lays the variant out, compiles it with its resources beside, and moves the classes into place at once. */
    private static void compile(Exercise exercise, Mutant mutant, List<Path> classpath, Path dir, Path failed)
            throws IOException {
        Files.createDirectories(dir.getParent());
        Path work = Files.createTempDirectory(dir.getParent(), "build-");
        try {
            Path project = mutant == null
                    ? Variants.solution(exercise, work.resolve("project"))
                    : Variants.mutant(exercise, mutant, work.resolve("project"));
            Path out = Files.createDirectories(work.resolve("classes"));
            CompileResult result = JavaCompilation.compileTree(
                    project.resolve("src/main/java"),
                    classpath,
                    out,
                    exercise.manifest().javaRelease(),
                    project);
            if (!result.success()) {
                Files.writeString(
                        failed,
                        "does not compile: "
                                + result.diagnostics().stream()
                                        .limit(3)
                                        .map(Diagnostic::toString)
                                        .toList());
                return;
            }
            FileTrees.copyOver(project.resolve("src/main/resources"), out);
            try {
                Files.move(out, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(out, dir);
            }
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    /** A digest of the files under {@code dir}, their paths and bytes. */
    static String contentDigest(Path dir) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : FileTrees.files(dir, "")) {
                sha.update(dir.relativize(f).toString().getBytes());
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A digest of what the variants are built from: the exercise's version, starter sources, solution and mutants. */
    static String digest(Exercise exercise) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("v" + exercise.manifest().version() + "/"
                            + exercise.manifest().javaRelease())
                    .getBytes());
            for (Path root :
                    List.of(exercise.starter().resolve("src/main"), exercise.solution(), exercise.mutantsDir())) {
                for (Path f : FileTrees.files(root, "")) {
                    sha.update(root.relativize(f).toString().getBytes());
                    sha.update(Files.readAllBytes(f));
                }
            }
            return "v" + exercise.manifest().version() + "-"
                    + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
