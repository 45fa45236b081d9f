package dev.grader.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.grader.support.policy.Rule;
import dev.grader.support.policy.Rules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code exercise.yaml} and validates every field, reporting all problems at once with the
 * file, the field and what is allowed.
 */
public final class ManifestLoader {

    public static final String FILE_NAME = "exercise.yaml";
    static final Set<String> SERVICES = Service.ids();
    static final Set<String> SUPPORT =
            Set.of("core", "policy", "postgres", "wiremock", "interleave", "locks", "precondition");
    private static final Set<String> FIELDS = Set.of(
            "id",
            "version",
            "title",
            "summary",
            "time_budget",
            "java_release",
            "services",
            "support",
            "rubric",
            "limits",
            "protected",
            "hidden",
            "allowed_dependencies",
            "policy",
            "parallel");
    private static final Set<String> LIMITS_FIELDS = Set.of("per_test", "whole_run", "memory");
    private static final Set<String> HIDDEN_FIELDS = Set.of("dependencies");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern COORDINATE = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+");
    private static final Pattern GROUP_ARTIFACT = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+");
    private static final Set<String> POLICY_RULES = java.util.stream.Stream.concat(
                    Rules.CODE.stream(), Rules.RESOURCES.stream())
            .map(Rule::id)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final ManifestFields f;

    private ManifestLoader(Path file) {
        this.file = file;
        this.f = new ManifestFields(file);
    }

    /**
     * Every field the loader accepts, as a path: {@code id}, {@code rubric[].weight}, {@code limits.memory}. Mappings
     * and lists of mappings appear through their fields only. AUTHORING.md's reference table lists exactly these.
     */
    public static java.util.SortedSet<String> fieldPaths() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (String f : FIELDS) {
            switch (f) {
                case "rubric" -> RubricLoader.FIELDS.forEach(n -> out.add("rubric[]." + n));
                case "limits" -> LIMITS_FIELDS.forEach(n -> out.add("limits." + n));
                case "hidden" -> HIDDEN_FIELDS.forEach(n -> out.add("hidden." + n));
                case "policy" -> List.of("api", "reason").forEach(n -> out.add("policy.allow[]." + n));
                case "parallel" -> Parallelism.FIELDS.forEach(n -> out.add("parallel." + n));
                default -> out.add(f);
            }
        }
        return out;
    }

    /** Loads and validates the manifest in {@code exerciseDir}. */
    public static Manifest load(Path exerciseDir) {
        Path file = exerciseDir.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ExerciseException(
                    file + ": is not valid YAML (" + firstLine(e.getMessage()) + "); quote a value that contains ': '",
                    e);
        }
        return new ManifestLoader(file).validate(root, exerciseDir.getFileName().toString());
    }

    private Manifest validate(JsonNode root, String folderName) {
        if (root == null || !root.isObject()) {
            throw new ExerciseException(file + ": must be a YAML mapping with the fields of docs/exercise-format.md");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                f.error(
                        name,
                        "is not a known field; allowed: "
                                + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String id = f.text(root, "id");
        if (id != null && !ID.matcher(id).matches()) {
            f.error("id", "must match [a-z0-9-]+, was '" + id + "'");
        } else if (id != null && !id.equals(folderName)) {
            f.error("id", "must equal the folder name '" + folderName + "', was '" + id + "'");
        }
        int version = f.integer(root, "version", 1, Integer.MAX_VALUE);
        String title = f.text(root, "title");
        String summary = f.text(root, "summary");
        Duration budget = f.duration(root.get("time_budget"), "time_budget", Duration.ofMinutes(1), Duration.ofDays(7));
        int release = f.integer(root, "java_release", 17, Runtime.version().feature());
        List<Service> services = f.names(root.get("services"), "services", SERVICES).stream()
                .map(Service::of)
                .flatMap(Optional::stream)
                .toList();
        List<String> support = f.names(root.get("support"), "support", SUPPORT);
        List<RubricCategory> rubric = new RubricLoader(f, ID).rubric(root.get("rubric"));
        Limits limits = limits(root.get("limits"));
        List<String> protectedFiles = f.strings(root.get("protected"), "protected");
        List<String> hiddenDeps = List.of();
        JsonNode hidden = root.get("hidden");
        if (hidden != null && !hidden.isNull()) {
            if (!hidden.isObject()) {
                f.error("hidden", "must be a mapping with 'dependencies'");
            } else {
                f.unknownFields(hidden, "hidden", HIDDEN_FIELDS);
                hiddenDeps = f.strings(hidden.get("dependencies"), "hidden.dependencies");
                for (int i = 0; i < hiddenDeps.size(); i++) {
                    if (!COORDINATE.matcher(hiddenDeps.get(i)).matches()) {
                        f.error(
                                "hidden.dependencies[" + i + "]",
                                "must be groupId:artifactId:version, was '" + hiddenDeps.get(i) + "'");
                    }
                }
            }
        }
        List<String> allowedDeps = f.strings(root.get("allowed_dependencies"), "allowed_dependencies");
        for (int i = 0; i < allowedDeps.size(); i++) {
            if (!GROUP_ARTIFACT.matcher(allowedDeps.get(i)).matches()) {
                f.error(
                        "allowed_dependencies[" + i + "]",
                        "must be groupId:artifactId (no version), was '" + allowedDeps.get(i) + "'");
            }
        }
        List<PolicyAllowance> policyAllow = policy(root.get("policy"));
        Parallelism parallel = Parallelism.read(root.get("parallel"), f);
        if (!f.errors().isEmpty()) {
            throw new ExerciseException(String.join("\n", f.errors()));
        }
        return new Manifest(
                id,
                version,
                title,
                summary,
                budget,
                release,
                services,
                support,
                rubric,
                limits,
                protectedFiles,
                hiddenDeps,
                allowedDeps,
                policyAllow,
                parallel);
    }

    /** {@code policy: {allow: [{api, reason}]}}: an API is dotted (a class's member), or the id of a rule. */
    private List<PolicyAllowance> policy(JsonNode node) {
        List<PolicyAllowance> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject() || node.size() != (node.has("allow") ? 1 : 0)) {
            f.error("policy", "must be a mapping with 'allow' (a list of {api, reason})");
            return out;
        }
        JsonNode allow = node.get("allow");
        if (!allow.isArray()) {
            f.error("policy.allow", "must be a list of {api, reason}");
            return out;
        }
        for (int i = 0; i < allow.size(); i++) {
            String at = "policy.allow[" + i + "]";
            if (!allow.get(i).isObject()) {
                f.error(at, "must be a mapping with api and reason");
                continue;
            }
            String api = f.text(allow.get(i), "api", at + ".api");
            String reason = f.text(allow.get(i), "reason", at + ".reason");
            if (api != null && !api.contains(".") && !POLICY_RULES.contains(api)) {
                f.error(
                        at + ".api",
                        "must be an API as a policy finding names it (java.lang.Thread.getAllStackTraces) or a"
                                + " rule id ("
                                + String.join(
                                        ", ", POLICY_RULES.stream().sorted().toList()) + "), was '" + api + "'");
            } else if (api != null && reason != null) {
                out.add(new PolicyAllowance(api, reason));
            }
        }
        return out;
    }

    private Limits limits(JsonNode node) {
        if (node == null || !node.isObject()) {
            f.error("limits", "must be a mapping with per_test, whole_run and memory");
            return null;
        }
        f.unknownFields(node, "limits", LIMITS_FIELDS);
        Duration perTest =
                f.duration(node.get("per_test"), "limits.per_test", Duration.ofMillis(500), Duration.ofMinutes(10));
        Duration whole =
                f.duration(node.get("whole_run"), "limits.whole_run", Duration.ofSeconds(1), Duration.ofHours(2));
        if (perTest != null && whole != null && whole.compareTo(perTest) < 0) {
            f.error("limits.whole_run", "must be at least limits.per_test (" + Durations.format(perTest) + ")");
        }
        long memory = -1;
        JsonNode m = node.get("memory");
        if (m == null) {
            f.error("limits.memory", "is required: a heap size such as 256m or 1g");
        } else {
            memory = Durations.parseSize(m.asText());
            if (memory < (64L << 20) || memory > (8L << 30)) {
                f.error("limits.memory", "must be a size from 64m to 8g such as 256m, was '" + m.asText() + "'");
            }
        }
        return perTest == null || whole == null || memory < 0 ? null : new Limits(perTest, whole, memory);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
