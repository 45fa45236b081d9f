package dev.grader.owntests;

import dev.grader.build.CompileResult;
import dev.grader.build.JavaCompilation;
import dev.grader.exercise.Exercise;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The candidate's own tests: the {@code .java} files under the submission's {@code src/test/java} whose path is not one
 * of the starter's visible tests (a visible test the candidate changed is flagged by the review and is not theirs).
 *
 * @param project the submission's project folder
 * @param sources the candidate's test sources
 * @param starterRoot the starter's {@code src/test/java}
 * @param visible the starter's visible test sources (its originals), compiled beside the candidate's when these use
 *     them (a helper class, say) but never run
 */
record CandidateTests(Path project, List<Path> sources, Path starterRoot, List<Path> visible) {

    static final String TEST_ROOT = "src/test/java";

    CandidateTests {
        sources = List.copyOf(sources);
        visible = List.copyOf(visible);
    }

    /** The candidate's tests in {@code project}, a submission of {@code exercise}. */
    static CandidateTests find(Exercise exercise, Path project) {
        Path starterRoot = exercise.starter().resolve(TEST_ROOT);
        List<Path> visible = FileTrees.files(starterRoot, ".java");
        Set<String> starterPaths =
                visible.stream().map(p -> starterRoot.relativize(p).toString()).collect(Collectors.toSet());
        Path root = project.resolve(TEST_ROOT);
        List<Path> own = FileTrees.files(root, ".java").stream()
                .filter(p -> !starterPaths.contains(root.relativize(p).toString()))
                .toList();
        return new CandidateTests(project, own, starterRoot, visible);
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The sources relative to the project, as the report names them. */
    List<String> names() {
        return sources.stream()
                .map(p -> project.relativize(p).toString().replace('\\', '/'))
                .toList();
    }

    /**
     * Compiles the candidate's tests against {@code classpath} into {@code out}; when they do not compile alone, once
     * more with the starter's visible tests, whose classes then go to {@code visibleOut} (on the class path, never
     * run). The result of the candidate's tests alone when neither compiles.
     */
    CompileResult compile(List<Path> classpath, Path out, Path visibleOut, int release) throws IOException {
        CompileResult alone = JavaCompilation.compile(sources, classpath, out, release, project);
        if (alone.success() || visible.isEmpty()) {
            return alone;
        }
        FileTrees.deleteQuietly(out);
        Files.createDirectories(out);
        List<Path> both = new ArrayList<>(sources);
        both.addAll(visible);
        CompileResult together = JavaCompilation.compile(both, classpath, out, release, project);
        if (!together.success()) {
            return alone;
        }
        for (Path v : visible) {
            Path rel = starterRoot.relativize(v);
            String top = rel.getFileName().toString().replaceFirst("\\.java$", "");
            Path pkg = rel.getParent() == null ? Path.of("") : rel.getParent();
            Path from = out.resolve(pkg.toString());
            if (!Files.isDirectory(from)) {
                continue;
            }
            Path to = Files.createDirectories(visibleOut.resolve(pkg.toString()));
            try (DirectoryStream<Path> classes = Files.newDirectoryStream(from, top + "{.class,$*.class}")) {
                for (Path c : classes) {
                    Files.move(c, to.resolve(c.getFileName().toString()));
                }
            }
        }
        return together;
    }
}
