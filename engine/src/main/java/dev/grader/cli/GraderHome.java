package dev.grader.cli;

import dev.grader.model.GraderSettings;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the grader finds its exercises and keeps its cache, and its settings: the edge where the environment is read,
 * once, and passed down.
 */
final class GraderHome {

    /** The process's environment as settings, read once. */
    private static final GraderSettings SETTINGS = GraderSettings.from(System.getenv());

    private GraderHome() {}

    /** The settings the environment gives ({@code NO_COLOR}, {@code MAVEN_CMD}, ...; see {@link GraderSettings}). */
    static GraderSettings settings() {
        return SETTINGS;
    }

    /**
     * --exercises (repeatable), else $GRADER_EXERCISES (folders separated by the platform's path separator, ':' on
     * Linux and macOS), else the built-in exercises.
     */
    static List<Path> exercises(List<Path> options) {
        return exercises(options, System.getenv("GRADER_EXERCISES"));
    }

    static List<Path> exercises(List<Path> options, String env) {
        List<Path> out = new ArrayList<>();
        if (options != null && !options.isEmpty()) {
            options.forEach(p -> out.add(p.toAbsolutePath().normalize()));
        } else if (env != null && !env.isBlank()) {
            for (String part : env.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.strip()).toAbsolutePath().normalize());
                }
            }
        }
        if (out.isEmpty()) {
            out.add(builtInExercises());
        }
        return out;
    }

    /**
     * The exercises that come with the grader: exercises/ under its home (the repository it was built in, or the
     * unpacked distribution archive), else ./exercises.
     */
    static Path builtInExercises() {
        Path home = home();
        if (home != null && Files.isDirectory(home.resolve("exercises"))) {
            return home.resolve("exercises");
        }
        return Path.of("exercises").toAbsolutePath().normalize();
    }

    /**
     * The grader's home: -Dgrader.home (set by both launchers: the repository's ./grader and the archive's bin/grader),
     * else two folders above the jar (engine/target/grader.jar in a checkout).
     */
    static Path home() {
        String prop = System.getProperty("grader.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        try {
            Path code = Path.of(GraderHome.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path candidate = code.getParent() == null ? null : code.getParent().getParent();
            return candidate == null ? null : candidate.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /** --cache, else $GRADER_CACHE, else ~/.cache/grader. */
    static Path cache(Path option) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String env = System.getenv("GRADER_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "grader");
    }

    /**
     * The similarity worker's class path (its jar and JPlag's, GPL-3.0, kept apart from the grader's own lib/):
     * lib/similarity/*.jar in the distribution archive; in a checkout similarity-worker/target/classes and
     * target/lib/*.jar (copied when the worker is compiled). Empty when neither is there.
     */
    static List<Path> similarityClasspath() {
        Path home = home();
        if (home == null) {
            return List.of();
        }
        List<Path> dist = jars(home.resolve("lib/similarity"));
        if (!dist.isEmpty()) {
            return dist;
        }
        Path worker = home.resolve("similarity-worker/target");
        List<Path> checkout = new ArrayList<>();
        if (Files.isDirectory(worker.resolve("classes/dev"))) {
            checkout.add(worker.resolve("classes"));
        }
        jars(worker.resolve("lib")).stream()
                .filter(p -> !p.getFileName().toString().equals("similarity-worker.jar"))
                .forEach(checkout::add);
        return checkout.size() > 1 ? checkout : List.of();
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
