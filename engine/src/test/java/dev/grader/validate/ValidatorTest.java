package dev.grader.validate;

import dev.grader.TestTiers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.cli.Main;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.services.Services;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@TestTiers.Grades
class ValidatorTest {

  @Test
  void fixtureExercisePassesWithEveryTestKilled() {
    try (Grader grader = new Grader(Fixtures.cache(), new Services())) {
      ExerciseValidation v = new Validator(grader, 2, 2, 11).validate(Fixtures.fixtureCatalog().get("adder"));
      assertTrue(v.ok(), v.toString());
      assertEquals(3, v.hiddenTests());
      assertEquals(4, v.variants().size(), "solution, starter and two mutants");
    }
  }

  @Test
  void aMutantThatLosesNothingAndAnUnkilledTestAreBreaches(@TempDir Path tmp) throws IOException {
    Path copy = tmp.resolve("exercises/adder");
    Files.createDirectories(copy);
    FileTrees.copyOver(Fixtures.root().resolve("exercises/adder"), copy);
    // A "mutant" identical to the solution: it cannot lose points, and nothing kills the overflow test.
    FileTrees.deleteQuietly(copy.resolve("mutants/int-overflow"));
    Files.createDirectories(copy.resolve("mutants/harmless"));
    Files.writeString(copy.resolve("mutants/harmless/mutant.yaml"), "description: changes nothing\nloses: [overflow]\n");
    Exercise exercise = new dev.grader.exercise.ExerciseCatalog(tmp.resolve("exercises")).get("adder");
    try (Grader grader = new Grader(Fixtures.cache(), new Services())) {
      ExerciseValidation v = new Validator(grader, 1, 2, 3).validate(exercise);
      assertFalse(v.ok());
      VariantResult harmless = v.variants().stream().filter(x -> x.name().equals("harmless")).findFirst().orElseThrow();
      assertTrue(harmless.breaches().get(0).contains("kept full marks in 'overflow'"), harmless.breaches().toString());
      assertTrue(v.suiteBreaches().stream().anyMatch(b -> b.contains("OverflowTest.sumOfLargeValuesDoesNotOverflow fails on no mutant")),
          v.suiteBreaches().toString());
    }
    StringWriter out = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "validate", "--exercises",
        tmp.resolve("exercises").toString(), "--cache", Fixtures.cache().toString(), "--repeat", "1", "--no-color");
    assertEquals(1, code, out.toString());
    assertTrue(out.toString().contains("BREACH"), out.toString());
    assertTrue(out.toString().contains("Validation FAILED"), out.toString());
  }
}
