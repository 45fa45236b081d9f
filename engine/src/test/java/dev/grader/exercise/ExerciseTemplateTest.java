package dev.grader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The template authors copy must load as an exercise, so it cannot rot. */
class ExerciseTemplateTest {

    @Test
    void templateManifestAndLayoutAreValid() {
        ExerciseCatalog templates = new ExerciseCatalog(Fixtures.repository().resolve("templates"));
        Exercise template = templates.get("exercise");
        assertEquals(100.0, template.manifest().maxScore());
        assertEquals(1, template.mutants().size());
        assertTrue(Files.isRegularFile(template.starter().resolve("pom.xml")));
        assertEquals(1, template.rules().size(), "the template's rules.yaml loads");
    }
}
