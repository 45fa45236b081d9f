package dev.grader.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.grader.exercise.Limits;
import dev.grader.exercise.Manifest;
import dev.grader.exercise.RubricCategory;
import dev.grader.exercise.Rule;
import dev.grader.model.FailedRule;
import dev.grader.model.TestStatus;
import dev.grader.run.TestOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private static final Manifest MANIFEST = new Manifest(
            "x",
            1,
            "X",
            "x",
            Duration.ofHours(1),
            17,
            List.of(),
            List.of(),
            List.of(new RubricCategory("a", "A", 60), new RubricCategory("b", "B", 40)),
            new Limits(Duration.ofSeconds(1), Duration.ofSeconds(10), 64L << 20),
            List.of(),
            List.of());

    private static TestOutcome test(String method, TestStatus status, String... tags) {
        return new TestOutcome(
                "id-" + method,
                "com.acme.T",
                method,
                method + "()",
                List.of(tags),
                status,
                status == TestStatus.PASSED ? null : "boom ==> expected: <true> but was: <false>",
                null,
                null,
                12,
                null);
    }

    @Test
    void sharesACategoryByWeightTagsAndPaysOnlyPassedTests() {
        Scorer.Scored s = Scorer.score(
                MANIFEST,
                List.of(
                        test("one", TestStatus.PASSED, "a"),
                        test("two", TestStatus.FAILED, "a", "weight:2"),
                        test("three", TestStatus.PASSED, "b"),
                        test("four", TestStatus.NOT_RUN, "b")));
        assertEquals(20.0, s.tests().get(0).maxScore(), 1e-9);
        assertEquals(40.0, s.tests().get(1).maxScore(), 1e-9);
        assertEquals(0.0, s.tests().get(1).score());
        assertEquals(20.0, s.categories().get(0).score());
        assertEquals(20.0, s.categories().get(1).score());
        assertEquals(40.0, s.score());
        assertEquals(100.0, s.maxScore());
    }

    @Test
    void timedOutCrashedAndSkippedEarnNothing() {
        Scorer.Scored s = Scorer.score(
                MANIFEST,
                List.of(
                        test("t", TestStatus.TIMED_OUT, "a"),
                        test("c", TestStatus.CRASHED, "a"),
                        test("s", TestStatus.SKIPPED, "b")));
        assertEquals(0.0, s.score());
    }

    @Test
    void untaggedTestsAreUncategorisedAndWorthNothing() {
        Scorer.Scored s =
                Scorer.score(MANIFEST, List.of(test("u", TestStatus.PASSED), test("a", TestStatus.PASSED, "a")));
        assertEquals(Scorer.UNCATEGORISED, s.tests().get(0).category());
        assertEquals(0.0, s.tests().get(0).maxScore());
        assertEquals(60.0, s.score());
    }

    @Test
    void messagesDropJUnitsBooleanBoilerplate() {
        Scorer.Scored s = Scorer.score(MANIFEST, List.of(test("f", TestStatus.FAILED, "a")));
        assertEquals("boom", s.tests().get(0).message());
        assertNull(Scorer.score(MANIFEST, List.of(test("p", TestStatus.PASSED, "a")))
                .tests()
                .get(0)
                .message());
    }

    @Test
    void aRuleFailsWhenAnyOfItsTestsDidNotPassAndIsShownInItsOwnCategory() {
        List<Rule> rules = List.of(
                new Rule("r-one", "a", "One must hold.", List.of("T.one"), List.of("m")),
                new Rule("r-two", "a", "Two must hold.", List.of("T.two", "T.three"), List.of("m")),
                new Rule("r-four", "b", "Four must hold.", List.of("T.four"), List.of("m")),
                new Rule("r-five", "b", "Five must hold.", List.of("T.five"), List.of("m")));
        Scorer.Scored s = Scorer.score(
                MANIFEST,
                rules,
                List.of(
                        test("one", TestStatus.PASSED, "a"),
                        test("two", TestStatus.PASSED, "a"),
                        test("three[2]", TestStatus.FAILED, "a"),
                        test("four", TestStatus.TIMED_OUT, "b"),
                        test("five", TestStatus.PASSED, "b")));
        assertEquals(
                List.of(new FailedRule("r-two", "Two must hold.")),
                s.categories().get(0).failedRules());
        assertEquals(
                List.of(new FailedRule("r-four", "Four must hold.")),
                s.categories().get(1).failedRules());
        assertEquals(
                List.of(),
                Scorer.score(MANIFEST, List.of(test("x", TestStatus.FAILED, "a")))
                        .categories()
                        .get(0)
                        .failedRules(),
                "no rules.yaml: no failed rules");
    }

    private static TestOutcome notEvaluated(String method, String rule, String... tags) {
        return new TestOutcome(
                "id-" + method,
                "com.acme.T",
                method,
                method + "()",
                List.of(tags),
                TestStatus.NOT_EVALUATED,
                "not evaluated because rule '" + rule + "' failed first: the first page is [3, 1]",
                "dev.grader.support.precondition.PreconditionNotMet",
                null,
                3,
                null);
    }

    /** Rule "order" in category a (tests one, two: 30 points each), rule "count" in b (tests three, four: 20 each). */
    private static final List<Rule> TWO_RULES = List.of(
            new Rule("order", "a", "Pages come in order.", List.of("T.one", "T.two"), List.of("m")),
            new Rule("count", "b", "Counts are exact.", List.of("T.three", "T.four"), List.of("m")));

    @Test
    void aTestNotEvaluatedBecauseAnotherCategorysRuleFailedIsPaidBackFromWhatThatRuleLost() {
        Scorer.Scored s = Scorer.score(
                MANIFEST,
                TWO_RULES,
                List.of(
                        test("one", TestStatus.FAILED, "a"),
                        test("two", TestStatus.PASSED, "a"),
                        notEvaluated("three", "order", "b"),
                        test("four", TestStatus.PASSED, "b")));
        assertEquals(20.0, s.tests().get(2).score(), 1e-9, "20 points paid back out of the 30 that 'one' lost");
        assertEquals(TestStatus.NOT_EVALUATED, s.tests().get(2).status());
        assertEquals(30.0, s.categories().get(0).score());
        assertEquals(40.0, s.categories().get(1).score());
        assertEquals(70.0, s.score(), "the same as if 'three' had passed: the order bug is charged once, to a");
        assertEquals(
                List.of(new FailedRule("order", "Pages come in order.")),
                s.categories().get(0).failedRules());
        assertEquals(List.of(), s.categories().get(1).failedRules(), "count was never seen failing");
        assertEquals(
                List.of(new FailedRule("order", "Pages come in order.")),
                s.categories().get(1).notEvaluatedBecause());
    }

    @Test
    void breakingACheapRuleToKeepTestsFromRunningNeverRaisesTheScore() {
        // a is worth 60 over two tests; b 40 over one test, cheaper than what a's tests lose
        List<Rule> rules = List.of(
                new Rule("cheap", "b", "Cheap.", List.of("T.three"), List.of("m")),
                new Rule("dear", "a", "Dear.", List.of("T.one", "T.two"), List.of("m")));
        Scorer.Scored broken = Scorer.score(
                MANIFEST,
                rules,
                List.of(
                        notEvaluated("one", "cheap", "a"),
                        notEvaluated("two", "cheap", "a"),
                        test("three", TestStatus.FAILED, "b")));
        Scorer.Scored kept = Scorer.score(
                MANIFEST,
                rules,
                List.of(
                        test("one", TestStatus.FAILED, "a"),
                        test("two", TestStatus.FAILED, "a"),
                        test("three", TestStatus.PASSED, "b")));
        assertEquals(40.0, broken.score(), "a's 60 points come back only up to the 40 that 'three' lost");
        assertEquals(40.0, kept.score());
        assertEquals(30.0, broken.tests().get(0).score(), 1e-9);
        assertEquals(10.0, broken.tests().get(1).score(), 1e-9, "each lost point pays back once");
    }

    @Test
    void aNotEvaluatedTestEarnsNothingWhenItsRuleIsItsOwnCategorysPassedOrUnknown() {
        Scorer.Scored own = Scorer.score(
                MANIFEST, TWO_RULES, List.of(test("one", TestStatus.FAILED, "a"), notEvaluated("two", "order", "a")));
        assertEquals(0.0, own.score(), "the rule is a's own: a loses it either way");
        Scorer.Scored passed = Scorer.score(
                MANIFEST,
                TWO_RULES,
                List.of(
                        test("one", TestStatus.PASSED, "a"),
                        test("two", TestStatus.PASSED, "a"),
                        notEvaluated("three", "order", "b")));
        assertEquals(60.0, passed.score(), "the named rule's own tests passed: nothing to pay back");
        assertEquals(
                "not evaluated because rule 'order' failed first: the first page is [3, 1] (so it counts as failed:"
                        + " no rule it names, of another category, failed its own tests)",
                passed.tests().get(2).message());
        Scorer.Scored unknown = Scorer.score(
                MANIFEST,
                TWO_RULES,
                List.of(test("one", TestStatus.FAILED, "a"), notEvaluated("three", "no-such-rule", "b")));
        assertEquals(0.0, unknown.score());
        assertEquals(List.of(), unknown.categories().get(1).notEvaluatedBecause());
        Scorer.Scored skipped = Scorer.score(
                MANIFEST,
                TWO_RULES,
                List.of(
                        test("one", TestStatus.FAILED, "a"),
                        new TestOutcome(
                                "id-three",
                                "com.acme.T",
                                "three",
                                "three()",
                                List.of("b"),
                                TestStatus.SKIPPED,
                                "not evaluated because rule 'order' failed first",
                                null,
                                null,
                                1,
                                null)));
        assertEquals(0.0, skipped.score(), "only a precondition's own status is paid back, not a look-alike message");
    }
}
