package dev.grader.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grader new --from: a built-in exercise copied with its names changed. */
class VariantCopyTest {

    @TempDir
    Path dir;

    @Test
    void renamesTheIdTitlePackageAndHiddenClassesEverywhere() throws IOException {
        Exercise builtIn = new ExerciseCatalog(Fixtures.repository().resolve("exercises")).get("retries-backoff");
        VariantCopy.Renames renames = VariantCopy.write(builtIn, "stock-client", dir.resolve("stock-client"));

        assertEquals("com.acme.inventory", renames.fromPackage());
        assertEquals("com.example.stockclient", renames.toPackage());
        Exercise copy = new ExerciseCatalog(dir).get("stock-client");
        assertEquals("stock-client", copy.id());
        assertTrue(
                copy.manifest().title().endsWith("(stock-client)"),
                copy.manifest().title());
        assertEquals(builtIn.manifest().rubric(), copy.manifest().rubric());
        try (Stream<Path> files = Files.walk(copy.dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                assertFalse(
                        text.contains("com.acme.inventory") || text.contains("com/acme/inventory"),
                        f + " kept the package");
                assertFalse(
                        text.contains("RetryDecisionsTest.") && !text.contains("StockClientRetryDecisionsTest."),
                        f + " kept a hidden class name");
            }
        }
        assertTrue(Files.isRegularFile(
                copy.hidden().resolve("com/example/stockclient/hidden/StockClientBackoffTest.java")));
        assertTrue(Files.readString(copy.dir().resolve("mutants/no-cap/change.patch"))
                .contains("src/main/java/com/example/stockclient/"));
    }
}
