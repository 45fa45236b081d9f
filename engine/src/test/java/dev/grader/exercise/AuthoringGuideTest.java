package dev.grader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AUTHORING.md's manifest reference cannot drift from what ManifestLoader accepts. */
class AuthoringGuideTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    @Test
    void manifestReferenceListsExactlyTheFieldsTheLoaderAccepts() throws IOException {
        String guide = Files.readString(Fixtures.repository().resolve("AUTHORING.md"));
        int start = guide.indexOf("## Manifest reference");
        assertTrue(start >= 0, "AUTHORING.md has no '## Manifest reference' section");
        int end = guide.indexOf("\n## ", start + 1);
        Matcher rows = ROW.matcher(guide.substring(start, end < 0 ? guide.length() : end));
        SortedSet<String> documented = new TreeSet<>();
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        assertEquals(
                ManifestLoader.fieldPaths(),
                documented,
                "AUTHORING.md's manifest reference table and ManifestLoader.fieldPaths() differ");
    }

    @Test
    void theLoaderRefusesAFieldTheReferenceDoesNotList(@TempDir java.nio.file.Path tmp) throws IOException {
        java.nio.file.Path dir = tmp.resolve("x");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("exercise.yaml"), """
        id: x
        version: 1
        title: X
        summary: X.
        time_budget: 1h
        java_release: 17
        rubric: [{id: a, weight: 1, colour: red}]
        limits: {per_test: 1s, whole_run: 2s, memory: 64m, cpu: 2}
        """);
        ExerciseException e =
                org.junit.jupiter.api.Assertions.assertThrows(ExerciseException.class, () -> ManifestLoader.load(dir));
        assertTrue(e.getMessage().contains("rubric[0].colour: is not a known field"), e.getMessage());
        assertTrue(e.getMessage().contains("limits.cpu: is not a known field"), e.getMessage());
    }
}
