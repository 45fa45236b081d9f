package dev.grader.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.grader.exercise.ExerciseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PIT mutants an exercise records as equivalent (no hidden test could tell them from the reference, or the brief
 * does not care), each with a one-line reason: {@code pit-equivalent.yaml} in the exercise folder, a list of
 * {@code class} (simple or full name), {@code method}, {@code mutator} (short name), optional {@code line} and
 * {@code description}, and {@code reason}.
 */
public final class Equivalents {

    /** The file's name in the exercise folder. */
    public static final String FILE = "pit-equivalent.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One record of the file. */
    public record Entry(
            String className, String method, String mutator, Integer line, String description, String reason) {

        boolean matches(PitMutation m) {
            boolean cls = m.mutatedClass().equals(className) || m.mutatedClass().endsWith("." + className);
            return cls
                    && m.method().equals(method)
                    && m.mutator().equals(mutator)
                    && (line == null || line == m.line())
                    && (description == null || description.equals(m.description()));
        }
    }

    /** A survivor and the record that explains it. */
    public record Matched(PitMutation mutation, String reason) {}

    private final List<Entry> entries;

    private Equivalents(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The records of the exercise in {@code dir} (none when it has no file). */
    public static Equivalents of(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new Equivalents(List.of());
        }
        try {
            JsonNode root = YAML.readTree(file.toFile());
            List<Entry> entries = new ArrayList<>();
            if (root != null && !root.isNull()) {
                if (!root.isArray()) {
                    throw new ExerciseException(file + ": must be a list of records");
                }
                int i = 0;
                for (JsonNode n : root) {
                    entries.add(new Entry(
                            required(n, "class", file, i),
                            required(n, "method", file, i),
                            required(n, "mutator", file, i),
                            n.hasNonNull("line") ? n.get("line").asInt() : null,
                            n.hasNonNull("description") ? n.get("description").asText() : null,
                            required(n, "reason", file, i)));
                    i++;
                }
            }
            return new Equivalents(entries);
        } catch (IOException e) {
            throw new ExerciseException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode n, String field, Path file, int index) {
        JsonNode v = n.get(field);
        if (v == null || v.asText().isBlank()) {
            throw new ExerciseException(file + ": record " + (index + 1) + " needs '" + field + "'");
        }
        return v.asText();
    }

    /** The survivors among {@code mutations} that a record explains. */
    public List<Matched> match(List<PitMutation> mutations) {
        List<Matched> out = new ArrayList<>();
        for (PitMutation m : mutations) {
            if (!m.detected()) {
                entries.stream()
                        .filter(e -> e.matches(m))
                        .findFirst()
                        .ifPresent(e -> out.add(new Matched(m, e.reason())));
            }
        }
        return out;
    }
}
