package dev.grader.similarity;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The rate-limiter batch of the similarity tests, and the worker's class path (this test class path). */
public final class SimilarityFixtures {

    public static final Path HOME =
            Path.of(System.getProperty("grader.home", "..")).toAbsolutePath().normalize();
    public static final Path EXERCISE = HOME.resolve("exercises/rate-limiter");
    public static final Path FIXTURES = HOME.resolve("engine/src/test/resources/similarity");

    private SimilarityFixtures() {}

    /** The test class path holds the worker's classes and JPlag's: the tests start the worker with it. */
    public static List<Path> workerClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
    }

    /**
     * The batch: {@code alice} (an independent solution), {@code bob} (alice renamed and reordered), {@code carol} (the
     * starter unchanged) and {@code dave} (the reference solution reformatted), each a project folder under {@code dir}.
     */
    public static Path batch(Path dir) throws IOException {
        copy(FIXTURES.resolve("alice"), dir.resolve("alice"));
        copy(FIXTURES.resolve("bob"), dir.resolve("bob"));
        copy(EXERCISE.resolve("starter"), dir.resolve("carol"));
        copy(EXERCISE.resolve("solution"), dir.resolve("dave"));
        try (Stream<Path> files = Files.walk(dir.resolve("dave"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Files.writeString(f, reformat(Files.readString(f)));
            }
        }
        return dir;
    }

    /** Another layout of the same code: no line comments, braces on lines of their own, 4-space indentation. */
    static String reformat(String java) {
        return java.replaceAll("//[^\n]*", "").replace(") {", ")\n{").replace("  ", "    ");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
