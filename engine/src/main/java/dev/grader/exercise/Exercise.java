package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** An exercise folder: its manifest and where its parts live. See docs/exercise-format.md. */
public record Exercise(Path dir, Manifest manifest) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public Exercise {
        requireNonNull(dir, "dir");
        requireNonNull(manifest, "manifest");
    }

    public String id() {
        return manifest.id();
    }

    public Path brief() {
        return dir.resolve("README.md");
    }

    public Path starter() {
        return dir.resolve("starter");
    }

    public Path solution() {
        return dir.resolve("solution");
    }

    public Path hidden() {
        return dir.resolve("hidden");
    }

    public Path mutantsDir() {
        return dir.resolve("mutants");
    }

    /** The brief's rules written down (docs/exercise-format.md); may be missing, which {@code validate} refuses. */
    public Path rulesFile() {
        return dir.resolve(RulesLoader.FILE_NAME);
    }

    /** The brief's rules, in file order; none when {@link #rulesFile()} is missing. */
    public List<Rule> rules() {
        return RulesLoader.load(dir, manifest);
    }

    /** Checks that the folders the format requires are there. */
    public void checkLayout() {
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(brief())) {
            problems.add(brief() + ": missing: the candidate's brief");
        }
        if (!Files.isRegularFile(starter().resolve("pom.xml"))) {
            problems.add(starter().resolve("pom.xml") + ": missing: the starter must be a Maven project");
        }
        if (!Files.isDirectory(solution())) {
            problems.add(solution() + ": missing: the reference solution (files laid over the starter)");
        }
        if (!Files.isDirectory(hidden())) {
            problems.add(hidden() + ": missing: the hidden suites");
        }
        if (!problems.isEmpty()) {
            throw new ExerciseException(String.join("\n", problems));
        }
    }

    /** The known-bad variants, sorted by name. */
    public List<Mutant> mutants() {
        if (!Files.isDirectory(mutantsDir())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(mutantsDir())) {
            return dirs.filter(Files::isDirectory)
                    .sorted()
                    .map(this::loadMutant)
                    .toList();
        } catch (IOException e) {
            throw new ExerciseException(mutantsDir() + ": cannot be listed: " + e.getMessage(), e);
        }
    }

    private Mutant loadMutant(Path mutantDir) {
        Path file = mutantDir.resolve("mutant.yaml");
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ExerciseException(
                    file + ": is not valid YAML (" + ManifestLoader.firstLine(e.getMessage())
                            + "); quote a value that contains ': '",
                    e);
        }
        if (node == null || !node.isObject()) {
            throw new ExerciseException(file + ": must be a mapping with description, loses and optional fails");
        }
        List<String> loses = list(node.get("loses"));
        List<String> fails = list(node.get("fails"));
        if (loses.isEmpty() && fails.isEmpty()) {
            throw new ExerciseException(
                    file + ": loses: must name at least one rubric category (or list tests in fails)");
        }
        for (int i = 0; i < loses.size(); i++) {
            if (manifest.hiddenCategory(loses.get(i)).isEmpty()) {
                throw new ExerciseException(file + ": loses[" + i + "]: '" + loses.get(i)
                        + "' is not a rubric category scored by hidden tests; allowed: "
                        + String.join(
                                ", ",
                                manifest.rubric().stream()
                                        .filter(c -> !c.byOwnTests())
                                        .map(RubricCategory::id)
                                        .toList()));
            }
        }
        String description = node.hasNonNull("description")
                ? node.get("description").asText()
                : mutantDir.getFileName().toString();
        return new Mutant(mutantDir.getFileName().toString(), description, loses, fails, mutantDir);
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node != null && node.isValueNode()) {
            out.add(node.asText());
        }
        return out;
    }
}
