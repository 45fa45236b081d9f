package dev.grader.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.exercise.ManifestLoader;
import dev.grader.model.GraderInfo;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pom the grader resolves an exercise's classpath from: the starter's, plus the hidden suites' needs. */
class GeneratedPomTest {

    private static final Pattern LAUNCHER_WITHOUT_VERSION = Pattern.compile(
            "(?s).*<artifactId>junit-platform-launcher</artifactId>\\s*(<scope>test</scope>)?\\s*</dependency>.*");

    private static String pom(String exercise) {
        Exercise e = new ExerciseCatalog(Fixtures.repository().resolve("exercises")).get(exercise);
        return new ClasspathResolver(Fixtures.cache(), Fixtures.settings()).generatedPom(e);
    }

    @Test
    void underSpringBootsParentTheLauncherTakesTheJunitVersionItManages() {
        String pom = pom("cursor-pagination");
        assertFalse(pom.contains("junit-bom"), "the starter imports no junit-bom of its own");
        assertTrue(LAUNCHER_WITHOUT_VERSION.matcher(pom).matches(), pom);
    }

    @Test
    void withoutAnyJunitManagementTheLauncherIsTheGradersVersion(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("adder");
        FileTrees.copyOver(Fixtures.root().resolve("exercises/adder"), copy);
        Path starterPom = copy.resolve("starter/pom.xml");
        String plain = Files.readString(starterPom)
                .replaceAll("(?s)<dependencyManagement>.*</dependencyManagement>", "")
                .replace(
                        "<artifactId>junit-jupiter</artifactId>",
                        "<artifactId>junit-jupiter</artifactId><version>5.11.4</version>");
        Files.writeString(starterPom, plain);
        String pom = new ClasspathResolver(Fixtures.cache(), Fixtures.settings())
                .generatedPom(new Exercise(copy, ManifestLoader.load(copy)));
        assertFalse(LAUNCHER_WITHOUT_VERSION.matcher(pom).matches(), pom);
        assertTrue(
                pom.matches("(?s).*<artifactId>junit-platform-launcher</artifactId>\\s*<version>"
                        + Pattern.quote(GraderInfo.junitPlatformVersion()) + "</version>.*"),
                pom);
    }

    @Test
    void withTheJunitBomImportedTheLauncherTakesItsVersion() {
        assertTrue(LAUNCHER_WITHOUT_VERSION.matcher(pom("rate-limiter")).matches());
    }
}
