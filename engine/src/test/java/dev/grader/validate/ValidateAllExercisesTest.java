package dev.grader.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.cli.Main;
import dev.grader.exercise.ExerciseCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code grader validate} over every exercise of the repository, as a company's CI would run it: the
 * solutions get full marks, starters at most 20%, every mutant is caught, nothing is flaky.
 */
class ValidateAllExercisesTest {

  @Test
  void everyExerciseInTheRepositoryValidates() {
    ExerciseCatalog catalog = new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
    assertFalse(catalog.ids().isEmpty(), "the repository ships exercises");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "validate", "--exercises",
        catalog.root().toString(), "--cache", Fixtures.cache().toString(), "--repeat", "3", "--no-color");
    System.out.println(out);
    assertEquals(0, code, out + "\n" + err);
    for (String id : catalog.ids()) {
      assertTrue(out.toString().contains(id), "validated " + id);
    }
    assertTrue(out.toString().contains("Validation passed."), out.toString());
  }
}
