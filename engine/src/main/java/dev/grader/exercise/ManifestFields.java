package dev.grader.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The field parsers of one manifest file: each reads a value of a kind (text, whole number, duration, list of
 * names) and records what is wrong with it, with the file and the field, so the loader reports every problem at once.
 */
final class ManifestFields {

    private final Path file;
    private final List<String> errors = new ArrayList<>();

    ManifestFields(Path file) {
        this.file = file;
    }

    /** The problems recorded so far, one line each. */
    List<String> errors() {
        return errors;
    }

    void unknownFields(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                error(
                        at + "." + name,
                        "is not a known field; allowed: "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    Duration duration(JsonNode node, String field, Duration min, Duration max) {
        if (node == null) {
            error(field, "is required: a duration such as 90m, 2h, 10s or 500ms");
            return null;
        }
        Duration d = Durations.parse(node.asText());
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            error(
                    field,
                    "must be a duration from " + Durations.format(min) + " to " + Durations.format(max)
                            + " written like 90m, 2h, 10s or 500ms, was '" + node.asText() + "'");
            return null;
        }
        return d;
    }

    List<String> names(JsonNode node, String field, Set<String> allowed) {
        List<String> values = strings(node, field);
        for (int i = 0; i < values.size(); i++) {
            if (!allowed.contains(values.get(i))) {
                error(
                        field + "[" + i + "]",
                        "must be one of "
                                + String.join(", ", allowed.stream().sorted().toList()) + ", was '" + values.get(i)
                                + "'");
            }
        }
        return values;
    }

    List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            error(field, "must be a list, was " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return out;
        }
        for (JsonNode n : node) {
            out.add(n.asText());
        }
        return out;
    }

    String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    String text(JsonNode node, String key, String field) {
        JsonNode n = node.get(key);
        if (n == null || !n.isValueNode() || n.asText().isBlank()) {
            error(field, "is required: a non-empty string");
            return null;
        }
        return n.asText().trim();
    }

    int integer(JsonNode node, String field, int min, int max) {
        return integer(node, field, field, min, max);
    }

    /** The whole number under {@code key} of {@code node}, reported as {@code field}; {@code min} when it is not one. */
    int integer(JsonNode node, String key, String field, int min, int max) {
        JsonNode n = node.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            error(
                    field,
                    "must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", was "
                            + (n == null ? "missing" : "'" + n.asText() + "'"));
            return min;
        }
        return n.asInt();
    }

    void error(String field, String problem) {
        errors.add(file + ": " + field + ": " + problem);
    }
}
