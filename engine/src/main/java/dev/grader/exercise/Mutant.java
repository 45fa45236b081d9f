package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * A known-bad variant of the reference solution, with the rubric categories (and optionally the
 * hidden tests) in which it must lose points.
 */
public record Mutant(String name, String description, List<String> loses, List<String> fails, Path dir) {
    public Mutant {
        requireNonNull(name, "name");
        requireNonNull(dir, "dir");
        loses = List.copyOf(loses);
        fails = List.copyOf(fails);
    }
}
