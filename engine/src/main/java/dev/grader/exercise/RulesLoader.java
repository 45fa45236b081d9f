package dev.grader.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code rules.yaml} (docs/exercise-format.md) and checks its shape, reporting every problem at once with the
 * file and the field. Whether the named tests and mutants exist and fail is {@code grader validate}'s business.
 */
public final class RulesLoader {

    public static final String FILE_NAME = "rules.yaml";
    private static final Set<String> RULE_FIELDS = Set.of("id", "category", "brief", "tests", "mutants");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern TEST = Pattern.compile("[A-Za-z_$][\\w$]*\\.[A-Za-z_$][\\w$]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final Manifest manifest;
    private final List<String> errors = new ArrayList<>();

    private RulesLoader(Path file, Manifest manifest) {
        this.file = file;
        this.manifest = manifest;
    }

    /** The rules of the exercise in {@code exerciseDir}; none when it has no {@code rules.yaml}. */
    public static List<Rule> load(Path exerciseDir, Manifest manifest) {
        Path file = exerciseDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ExerciseException(
                    file + ": is not valid YAML (" + ManifestLoader.firstLine(e.getMessage())
                            + "); quote a value that contains ': '",
                    e);
        }
        return new RulesLoader(file, manifest).read(root);
    }

    private List<Rule> read(JsonNode root) {
        if (root == null || !root.isObject() || !root.has("rules")) {
            throw new ExerciseException(
                    file + ": must be a YAML mapping with a 'rules' list (docs/exercise-format.md)");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("rules")) {
                error(name, "is not a known field; allowed: rules");
            }
        }
        JsonNode list = root.get("rules");
        List<Rule> out = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            error("rules", "must be a non-empty list of {id, category, brief, tests, mutants}");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Rule rule = rule(list.get(i), "rules[" + i + "]", seen);
                if (rule != null) {
                    out.add(rule);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ExerciseException(String.join("\n", errors));
        }
        return List.copyOf(out);
    }

    private Rule rule(JsonNode node, String at, Set<String> seen) {
        if (!node.isObject()) {
            error(at, "must be a mapping with id, category, brief, tests and mutants");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!RULE_FIELDS.contains(name)) {
                error(
                        at + "." + name,
                        "is not a known field; allowed: "
                                + String.join(
                                        ", ", RULE_FIELDS.stream().sorted().toList()));
            }
        }
        String id = text(node, "id", at);
        if (id != null && !ID.matcher(id).matches()) {
            error(at + ".id", "must match [a-z0-9-]+, was '" + id + "'");
        } else if (id != null && !seen.add(id)) {
            error(at + ".id", "'" + id + "' is used twice; rule ids must be unique");
        }
        String category = text(node, "category", at);
        if (category != null && manifest.hiddenCategory(category).isEmpty()) {
            error(
                    at + ".category",
                    "'" + category + "' is not a rubric category scored by hidden tests; allowed: "
                            + String.join(
                                    ", ",
                                    manifest.rubric().stream()
                                            .filter(c -> !c.byOwnTests())
                                            .map(RubricCategory::id)
                                            .toList()));
        }
        String brief = text(node, "brief", at);
        List<String> tests = strings(node, "tests", at);
        for (int i = 0; i < tests.size(); i++) {
            if (!TEST.matcher(tests.get(i)).matches()) {
                error(at + ".tests[" + i + "]", "must be SimpleClassName.method, was '" + tests.get(i) + "'");
            }
        }
        List<String> mutants = strings(node, "mutants", at);
        for (int i = 0; i < mutants.size(); i++) {
            if (!ID.matcher(mutants.get(i)).matches()) {
                error(
                        at + ".mutants[" + i + "]",
                        "must be a mutant's folder name under mutants/, was '" + mutants.get(i) + "'");
            }
        }
        if (id == null || category == null || brief == null) {
            return null;
        }
        return new Rule(id, category, brief.strip(), tests, mutants);
    }

    private String text(JsonNode node, String key, String at) {
        JsonNode n = node.get(key);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            error(at + "." + key, "is required: a non-empty string");
            return null;
        }
        return n.asText().trim();
    }

    /** A list of strings; missing or empty is allowed here ({@code grader validate} reports it as a gap). */
    private List<String> strings(JsonNode node, String key, String at) {
        JsonNode n = node.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            error(
                    at + "." + key,
                    "must be a list, was " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                error(
                        at + "." + key + "[" + i + "]",
                        "must be a string, was " + n.get(i).getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            } else {
                out.add(n.get(i).asText().trim());
            }
        }
        return out;
    }

    private void error(String field, String problem) {
        errors.add(file + ": " + field + ": " + problem);
    }
}
