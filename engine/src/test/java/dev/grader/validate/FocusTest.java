package dev.grader.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grader.exercise.Mutant;
import dev.grader.exercise.Rule;
import dev.grader.model.GradeReport;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FocusTest {

    private static TestScore test(String name, String category) {
        return TestReports.test(name, category, TestStatus.FAILED, 0, 1);
    }

    @Test
    void repeatsRunTheNamedTestsTheLostCategoriesAndTheTestsOfTheRulesThatListTheMutant() {
        GradeReport first = TestReports.graded(
                test("WalkTest.order", "results"),
                test("WalkTest.fields[2]", "results"),
                test("ChangesTest.afterAChange", "changes"),
                test("ChangesTest.inserts", "changes"),
                test("LimitTest.max", "validation"));
        Mutant m = new Mutant("no-tie-break", "", List.of("results"), List.of("LimitTest.max"), Path.of("m"));
        List<Rule> rules = List.of(
                new Rule(
                        "listed-once",
                        "changes",
                        "Listed once.",
                        List.of("ChangesTest.afterAChange"),
                        List.of("no-tie-break")),
                new Rule("inserts", "changes", "Inserts.", List.of("ChangesTest.inserts"), List.of("offset")));
        assertEquals(
                List.of("WalkTest.order", "WalkTest.fields", "ChangesTest.afterAChange", "LimitTest.max"),
                Focus.of(m, rules, first));
    }
}
