package dev.grader.authoring;

import dev.grader.exercise.ExerciseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The folder a new exercise is written to. */
final class Targets {

    private Targets() {}

    static void requireEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new ExerciseException(dir + ": already exists and is not empty; choose another id or --dir");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot be read", e);
        }
    }
}
