package dev.grader.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.cli.Main;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@TestTiers.Grades
class ValidatorTest {

    @Test
    void fixtureExercisePassesWithEveryTestKilled() {
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            ExerciseValidation v = new Validator(grader, 2, 2, 11)
                    .validate(Fixtures.fixtureCatalog().get("adder"));
            assertTrue(v.ok(), v.toString());
            assertEquals(3, v.hiddenTests());
            assertEquals(4, v.variants().size(), "solution, starter and two mutants");
        }
    }

    @Test
    void theReferenceNeedsFullMarksOnlyWhereHiddenTestsScore(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("exercises/adder");
        FileTrees.copyOver(Fixtures.root().resolve("exercises/adder"), copy);
        Path manifest = copy.resolve("exercise.yaml");
        Files.writeString(
                manifest,
                Files.readString(manifest)
                        .replace(
                                "limits:\n",
                                "  - {id: testing, title: Own tests, weight: 50, scored_by: own_tests}\nlimits:\n"));
        Exercise exercise = new dev.grader.exercise.ExerciseCatalog(tmp.resolve("exercises")).get("adder");
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            ExerciseValidation v = new Validator(grader, 1, 2, 11).validate(exercise);
            assertTrue(v.ok(), "the reference has no tests of its own, and earns 0 of 50 for them: " + v);
            assertEquals(
                    150.0,
                    v.variants().get(0).runs().get(0).maxScore(),
                    "the own tests' category counts in the maximum");
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
        Files.writeString(
                copy.resolve("mutants/harmless/mutant.yaml"), "description: changes nothing\nloses: [overflow]\n");
        Exercise exercise = new dev.grader.exercise.ExerciseCatalog(tmp.resolve("exercises")).get("adder");
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            ExerciseValidation v = new Validator(grader, 1, 2, 3).validate(exercise);
            assertFalse(v.ok());
            VariantResult harmless = v.variants().stream()
                    .filter(x -> x.name().equals("harmless"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    harmless.breaches().get(0).contains("kept full marks in 'overflow'"),
                    harmless.breaches().toString());
            assertTrue(
                    v.suiteBreaches().stream()
                            .anyMatch(
                                    b -> b.contains("OverflowTest.sumOfLargeValuesDoesNotOverflow fails on no mutant")),
                    v.suiteBreaches().toString());
        }
        StringWriter out = new StringWriter();
        int code = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "validate",
                "--exercises",
                tmp.resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString(),
                "--repeat",
                "1",
                "--no-color");
        assertEquals(1, code, out.toString());
        assertTrue(out.toString().contains("BREACH"), out.toString());
        assertTrue(out.toString().contains("Validation FAILED"), out.toString());
    }

    @Test
    void aMutantsRepeatsRunOnlyTheTestsItNamesAndThoseOfTheCategoriesItLoses() throws IOException {
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            ExerciseValidation v = new Validator(grader, 2, 2, 5)
                    .validate(Fixtures.fixtureCatalog().get("adder"));
            assertTrue(v.ok(), v.toString());
            Map<String, VariantResult> byName = new java.util.HashMap<>();
            v.variants().forEach(r -> byName.put(r.name(), r));
            VariantResult solution = byName.get("solution");
            assertEquals(0, solution.focusedRuns());
            assertTrue(solution.runs().stream().allMatch(r -> r.tests().size() == 3), "the solution's runs run all");
            VariantResult overflow = byName.get("int-overflow");
            assertEquals(1, overflow.focusedRuns());
            assertEquals(3, overflow.runs().get(0).tests().size(), "the first run runs all");
            assertEquals(
                    List.of("OverflowTest.sumOfLargeValuesDoesNotOverflow"),
                    overflow.runs().get(1).tests().stream().map(t -> t.name()).toList(),
                    "the repeat runs the named test (the only one of category overflow)");
            assertEquals(List.of(overflow.runs().get(0)), overflow.fullRuns());
            VariantResult subtracts = byName.get("subtracts");
            assertEquals(
                    List.of("BasicsTest.addsSmallNumbers", "BasicsTest.zeroPlusXIsX"),
                    subtracts.runs().get(1).tests().stream()
                            .map(t -> t.name())
                            .sorted()
                            .toList(),
                    "a mutant naming no test reruns every test of the category it loses");
            ExerciseValidation full = new Validator(grader, 2, 2, 5, MutantRuns.FULL)
                    .validate(Fixtures.fixtureCatalog().get("adder"));
            assertTrue(
                    full.variants().stream()
                            .allMatch(r -> r.focusedRuns() == 0
                                    && r.runs().stream().allMatch(x -> x.tests().size() == 3)),
                    "--full-repeats: every run runs every test");
        }
    }

    @Test
    void focusedMutantsRunOnlyTheirTestsFromTheFirstRunOnAsTheSolutionNamesThem() throws IOException {
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            ExerciseValidation v = new Validator(grader, 1, 2, 5, MutantRuns.FOCUSED)
                    .validate(Fixtures.fixtureCatalog().get("adder"));
            assertTrue(v.ok(), v.toString());
            Map<String, VariantResult> byName = new java.util.HashMap<>();
            v.variants().forEach(r -> byName.put(r.name(), r));
            assertEquals(0, byName.get("solution").focusedRuns());
            VariantResult overflow = byName.get("int-overflow");
            assertEquals(1, overflow.focusedRuns());
            assertEquals(List.of(), overflow.fullRuns());
            assertEquals(
                    List.of("OverflowTest.sumOfLargeValuesDoesNotOverflow"),
                    overflow.runs().get(0).tests().stream().map(t -> t.name()).toList(),
                    "the first run too runs only the named test");
            assertEquals(
                    List.of("BasicsTest.addsSmallNumbers", "BasicsTest.zeroPlusXIsX"),
                    byName.get("subtracts").runs().get(0).tests().stream()
                            .map(t -> t.name())
                            .sorted()
                            .toList());
            assertEquals(3, v.hiddenTests());
        }
    }

    @Test
    void everyRuleIsProvenAndPrintedWithItsTestsAndMutants() throws IOException {
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            ExerciseValidation v = new Validator(grader, 1, 2, 5)
                    .validate(Fixtures.fixtureCatalog().get("adder"));
            assertTrue(v.ok(), v.toString());
            assertEquals(2, v.rules().size());
            assertTrue(
                    v.rules().stream().allMatch(r -> r.caught() && r.breaches().isEmpty()),
                    v.rules().toString());
            assertTrue(v.warnings().isEmpty(), v.warnings().toString());
        }
    }

    @Test
    void rulesWithoutTestsOrMutantsOrWhoseMutantsPassTheirTestsAreBreaches(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("exercises/adder");
        Files.createDirectories(copy);
        FileTrees.copyOver(Fixtures.root().resolve("exercises/adder"), copy);
        Files.writeString(copy.resolve("rules.yaml"), """
        rules:
          - id: small-sums-exact
            category: basics
            brief: Sums of small numbers are exact.
            tests: [BasicsTest.addsSmallNumbers, BasicsTest.noSuchTest]
            mutants: [int-overflow, no-such-mutant]
          - id: no-wrap-around
            category: overflow
            brief: A sum beyond the int range is reported.
            tests: []
            mutants: []
        """);
        Exercise exercise = new dev.grader.exercise.ExerciseCatalog(tmp.resolve("exercises")).get("adder");
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            ExerciseValidation v = new Validator(grader, 1, 2, 3).validate(exercise);
            assertFalse(v.ok());
            RuleResult small = v.rules().get(0);
            assertFalse(small.caught());
            assertTrue(
                    small.breaches()
                            .contains("rule small-sums-exact: tests: names 'BasicsTest.noSuchTest', which is no "
                                    + "hidden test"),
                    small.breaches().toString());
            assertTrue(
                    small.breaches()
                            .contains("rule small-sums-exact: mutants: names 'no-such-mutant', which is no folder "
                                    + "under mutants/"),
                    small.breaches().toString());
            assertTrue(
                    small.breaches().stream()
                            .anyMatch(b -> b.equals("rule small-sums-exact: mutant int-overflow "
                                    + "failed none of the rule's tests with seed 3 (BasicsTest.addsSmallNumbers "
                                    + "passed)")),
                    small.breaches().toString());
            RuleResult wrap = v.rules().get(1);
            assertEquals(
                    List.of(
                            "rule no-wrap-around: no test checks it (tests: is empty)",
                            "rule no-wrap-around: no mutant breaks it (mutants: is empty)"),
                    wrap.breaches());
            assertEquals(
                    List.of("mutant subtracts is listed under no rule of rules.yaml: which rule of the brief does it "
                            + "break?"),
                    v.warnings());
        }
        StringWriter out = new StringWriter();
        int code = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "validate",
                "--exercises",
                tmp.resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString(),
                "--repeat",
                "1",
                "--no-color");
        assertEquals(1, code, out.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s).*RULE +CATEGORY +TESTS +CAUGHT +MUTANTS.*"), text);
        assertTrue(text.matches("(?s).*small-sums-exact +basics +2 +NO +int-overflow, no-such-mutant.*"), text);
        assertTrue(text.contains("tests: BasicsTest.addsSmallNumbers, BasicsTest.noSuchTest"), text);
        assertTrue(text.contains("0 of 2 rules proven"), text);
        assertTrue(
                text.matches("(?s).*grading time: [0-9.]+s in [0-9]+ grades \\(median [0-9.]+s\\); slowest: "
                        + "[a-z-]+ [0-9.]+s, [a-z-]+ [0-9.]+s, [a-z-]+ [0-9.]+s\n.*"),
                text);
        assertTrue(
                text.matches("(?s).*by stage: compile [0-9.]+s, launch [0-9.]+s, services [0-9.]+s, tests [0-9.]+s,"
                        + " other [0-9.]+s\n.*"),
                text);
    }

    @Test
    void aMissingOrMalformedRulesFileIsABreach(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("exercises/adder");
        Files.createDirectories(copy);
        FileTrees.copyOver(Fixtures.root().resolve("exercises/adder"), copy);
        Files.delete(copy.resolve("rules.yaml"));
        Exercise exercise = new dev.grader.exercise.ExerciseCatalog(tmp.resolve("exercises")).get("adder");
        RuleCheck.Outcome missing = RuleCheck.check(exercise, Set.of("BasicsTest.addsSmallNumbers"), Map.of());
        assertEquals(1, missing.breaches().size());
        assertTrue(
                missing.breaches()
                        .get(0)
                        .endsWith("rules.yaml: missing: write down the brief's rules with their tests "
                                + "and mutants (docs/exercise-format.md)"),
                missing.breaches().toString());
        Files.writeString(copy.resolve("rules.yaml"), "rules:\n  - id: x\n    category: speed\n    brief: b\n");
        RuleCheck.Outcome malformed = RuleCheck.check(exercise, Set.of(), Map.of());
        assertTrue(
                malformed.breaches().get(0).contains("rules[0].category: 'speed' is not a rubric category"),
                malformed.breaches().toString());
    }
}
