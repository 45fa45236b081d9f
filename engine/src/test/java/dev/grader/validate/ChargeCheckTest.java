package dev.grader.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.exercise.Mutant;
import dev.grader.exercise.Rule;
import dev.grader.model.TestStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChargeCheckTest {

    private static final List<Rule> RULES = List.of(
            new Rule("order", "results", "Pages come in order.", List.of("WalkTest.order"), List.of("no-tie-break")),
            new Rule("inserts", "changes", "Inserts never shift.", List.of("ChangesTest.inserts"), List.of("offset")));

    private static Mutant mutant(String name, String... loses) {
        return new Mutant(name, "", List.of(loses), List.of(), Path.of(name));
    }

    @Test
    void aMutantChargedInACategoryItDoesNotDeclareIsNamedWithTheTests() {
        List<String> warnings = ChargeCheck.warnings(
                RULES,
                Map.of(
                        mutant("no-tie-break"),
                        List.of(TestReports.graded(
                                TestReports.test("WalkTest.order", "results", TestStatus.FAILED, 0, 10),
                                TestReports.test("ChangesTest.inserts", "changes", TestStatus.FAILED, 0, 10)))));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0)
                        .startsWith("mutant no-tie-break breaks rules of results but is charged in 'changes'"
                                + " too (1 test: ChangesTest.inserts): list it under a rule of 'changes'"),
                warnings.get(0));
    }

    @Test
    void declaredCategoriesAndTestsPaidBackInFullAreNotWarnedAbout() {
        assertEquals(
                List.of(),
                ChargeCheck.warnings(
                        RULES,
                        Map.of(
                                mutant("no-tie-break"),
                                List.of(TestReports.graded(
                                        TestReports.test("WalkTest.order", "results", TestStatus.FAILED, 0, 10),
                                        TestReports.test(
                                                "ChangesTest.inserts", "changes", TestStatus.NOT_EVALUATED, 10, 10))),
                                mutant("offset", "changes"),
                                List.of(TestReports.graded(TestReports.test(
                                        "ChangesTest.inserts", "changes", TestStatus.FAILED, 0, 10))))));
    }

    @Test
    void aTestPaidBackOnlyInPartSaysTheRuleItNamesIsWorthTooLittle() {
        List<String> warnings = ChargeCheck.warnings(
                RULES,
                Map.of(
                        mutant("no-tie-break"),
                        List.of(TestReports.graded(
                                TestReports.test("WalkTest.order", "results", TestStatus.FAILED, 0, 4),
                                TestReports.test("ChangesTest.inserts", "changes", TestStatus.NOT_EVALUATED, 4, 10)))));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("not evaluated, and paid back only in part"), warnings.get(0));
    }
}
