package dev.grader.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the hidden test classes of an exercise may share the test JVM ({@code parallel} in {@code exercise.yaml}): up
 * to {@code classes} classes run at once, their test methods one after another; the {@code isolated} classes (those
 * that measure contention or timing) run afterwards, alone, one at a time. The grader sets this up in the test JVM;
 * nothing the submission holds can change it.
 *
 * @param classes how many hidden test classes run at once; 1: one after another (the default)
 * @param isolated hidden test classes, by simple or fully qualified name, that never share the JVM with another
 */
public record Parallelism(int classes, List<String> isolated) {

    /** One class after another: an exercise that says nothing. */
    public static final Parallelism SEQUENTIAL = new Parallelism(1, List.of());

    /** Most classes at once an exercise may ask for. */
    public static final int MAX_CLASSES = 8;

    static final Set<String> FIELDS = Set.of("classes", "isolated");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

    public Parallelism {
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("classes must be 1 to " + MAX_CLASSES + ": " + classes);
        }
        isolated = List.copyOf(isolated);
    }

    /** Whether more than one class may run at once. */
    public boolean parallel() {
        return classes > 1;
    }

    /** Reads {@code parallel: {classes: N, isolated: [ClassName, ...]}}, its problems reported to {@code f}. */
    static Parallelism read(JsonNode node, ManifestFields f) {
        if (node == null || node.isNull()) {
            return SEQUENTIAL;
        }
        if (!node.isObject()) {
            f.error("parallel", "must be a mapping with 'classes' (and 'isolated', a list of test classes)");
            return SEQUENTIAL;
        }
        f.unknownFields(node, "parallel", FIELDS);
        int classes = f.integer(node, "classes", "parallel.classes", 1, MAX_CLASSES);
        List<String> isolated = f.strings(node.get("isolated"), "parallel.isolated");
        for (int i = 0; i < isolated.size(); i++) {
            if (!CLASS_NAME.matcher(isolated.get(i)).matches()) {
                f.error(
                        "parallel.isolated[" + i + "]",
                        "must be a test class's simple or fully qualified name, was '" + isolated.get(i) + "'");
            }
        }
        return new Parallelism(classes, isolated);
    }
}
