package dev.grader.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.cli.Main;
import dev.grader.exercise.ExerciseCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code grader validate} over every exercise of the repository, one exercise per test, as a company's
 * CI would run it: the solution gets full marks, the starter passes tests worth at most 20%, every mutant is caught, and
 * nothing is flaky over the repeated runs ({@code grader.validate.repeat}, set by the build). With
 * {@code grader.validate.focused} (the build sets it) every mutant run is focused ({@code --focused}): each mutant runs
 * only the tests its checks read, which halves the time and proves what it declares, not what else it breaks.
 */
@TestTiers.Grades
class ValidateAllExercisesTest {

    private static final String REPEAT = System.getProperty("grader.validate.repeat", "3");
    private static final String JOBS = System.getProperty("grader.validate.jobs", "2");
    private static final boolean FOCUSED = Boolean.getBoolean("grader.validate.focused");

    static List<String> exercises() {
        return catalog().ids();
    }

    private static ExerciseCatalog catalog() {
        return new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
    }

    @Test
    void theRepositoryShipsTheBuiltInExercises() {
        List<String> ids = exercises();
        assertFalse(ids.isEmpty(), "the repository ships exercises");
        assertTrue(ids.contains("rate-limiter"), ids.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void exerciseValidates(String id) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(
                "validate",
                id,
                "--exercises",
                catalog().root().toString(),
                "--cache",
                Fixtures.cache().toString(),
                "--repeat",
                REPEAT,
                "--jobs",
                JOBS,
                "--db",
                "embedded",
                "--no-color"));
        if (FOCUSED) {
            args.add("--focused");
        }
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        System.out.println(out);
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("Validation passed."), out.toString());
    }
}
