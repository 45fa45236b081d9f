package dev.grader.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.exercise.ExerciseException;
import dev.grader.exercise.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scaffold's files, without grading them (DistributionIT validates them through the released archive). */
class ScaffoldTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "postgres", "wiremock", "postgres,wiremock"})
    void writesAnExerciseThatLoadsWithEveryPlaceholderFilled(String services) throws IOException {
        List<String> chosen = services.isEmpty() ? List.of() : List.of(services.split(","));
        Scaffold.write("order-export", chosen, dir.resolve("order-export"));

        Exercise e = new ExerciseCatalog(dir).get("order-export"); // manifest valid, layout complete
        assertEquals(chosen, e.manifest().services().stream().map(Service::id).toList());
        assertTrue(Files.isRegularFile(e.starter().resolve("src/main/java/com/example/orderexport/WordCounter.java")));
        assertTrue(
                Files.isRegularFile(e.starter().resolve("src/test/java/com/example/orderexport/WordCounterTest.java")));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                assertFalse(text.matches("(?s).*@@[A-Z_]+@@.*"), f + " still holds a placeholder");
                assertFalse(f.toString().contains("__package__"), f.toString());
            }
        }
        List<String> hiddenClasses;
        try (Stream<Path> files = Files.walk(e.hidden())) {
            hiddenClasses = files.filter(f -> f.toString().endsWith("Test.java"))
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .toList();
        }
        assertEquals(1 + chosen.size(), hiddenClasses.size(), hiddenClasses.toString());
    }

    @Test
    void rulesNameTheHiddenTestsThereAre() throws IOException {
        Scaffold.write("notes", List.of("postgres", "wiremock"), dir.resolve("notes"));
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(dir.resolve("notes/rules.yaml").toFile());
        JsonNode rule = rules.get("rules").get(0);
        assertEquals("correctness", rule.get("category").asText());
        assertEquals("single-space-split", rule.get("mutants").get(0).asText());
        assertEquals(3, rule.get("tests").size());
        for (JsonNode t : rule.get("tests")) {
            String[] parts = t.asText().split("\\.");
            Path source = dir.resolve("notes/hidden/com/example/notes/hidden/" + parts[0] + ".java");
            assertTrue(
                    Files.readString(source).contains("void " + parts[1] + "("), t.asText() + " is not in " + source);
        }
    }

    @Test
    void refusesABadIdAnUnknownServiceAndAFolderInUse() throws IOException {
        assertThrows(ExerciseException.class, () -> Scaffold.write("Bad_Id", List.of(), dir.resolve("x")));
        assertThrows(ExerciseException.class, () -> Scaffold.write("ok", List.of("kafka"), dir.resolve("ok")));
        Files.createDirectories(dir.resolve("used"));
        Files.writeString(dir.resolve("used/keep.txt"), "mine");
        assertThrows(ExerciseException.class, () -> Scaffold.write("used", List.of(), dir.resolve("used")));
        assertEquals("mine", Files.readString(dir.resolve("used/keep.txt")));
    }
}
