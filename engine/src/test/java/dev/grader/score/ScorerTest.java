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
}
