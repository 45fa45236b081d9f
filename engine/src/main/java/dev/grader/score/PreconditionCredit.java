package dev.grader.score;

import dev.grader.exercise.Rule;
import dev.grader.model.FailedRule;
import dev.grader.model.TestStatus;
import dev.grader.support.precondition.PreconditionNotMet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points for tests that were not evaluated because a rule of another category failed first
 * ({@link TestStatus#NOT_EVALUATED}): the points its category would lose move to the rule that broke, never more than
 * that rule's own failing tests already cost.
 *
 * <p>Each failed test's lost points can pay back not-evaluated tests once: a not-evaluated test earns back, in run
 * order, what is left of the lost points of the failed tests of the rules it names. So breaking a rule on purpose to
 * keep a category's tests from running never raises a score: a submission that kept the rule gets those points from
 * the rule's own tests, and the tests behind it would then be evaluated. A not-evaluated test earns nothing when it
 * names only rules of its own category, rules the exercise does not have, or rules whose own tests all passed.
 */
final class PreconditionCredit {

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    /** Per failed test (by index in the run), the lost points still free to pay back a not-evaluated test. */
    private final double[] free;

    private final List<Scorer.Sized> tests;

    /** @param tests every test of the run with its category and full points, in run order */
    PreconditionCredit(List<Rule> rules, List<Scorer.Sized> tests) {
        rules.forEach(r -> this.rules.put(r.id(), r));
        this.tests = tests;
        free = new double[tests.size()];
        for (int i = 0; i < tests.size(); i++) {
            free[i] = isFailure(tests.get(i)) ? tests.get(i).max() : 0;
        }
    }

    /** The points each test earns: its full points when it passed, paid-back points when not evaluated, else 0. */
    double[] earned() {
        double[] earned = new double[tests.size()];
        for (int i = 0; i < tests.size(); i++) {
            Scorer.Sized t = tests.get(i);
            if (t.outcome().status() == TestStatus.PASSED) {
                earned[i] = t.max();
            } else {
                earned[i] = payBack(payers(t), t.max());
            }
        }
        return earned;
    }

    /**
     * The failed rules of other categories that kept tests of {@code category} from being evaluated, in file order.
     */
    List<FailedRule> blockers(String category) {
        List<FailedRule> out = new ArrayList<>();
        for (Rule rule : rules.values()) {
            boolean blocks = tests.stream()
                    .filter(t -> t.category().equals(category))
                    .anyMatch(t -> payers(t).contains(rule));
            if (blocks) {
                out.add(new FailedRule(rule.id(), rule.brief()));
            }
        }
        return out;
    }

    /**
     * The rules a not-evaluated test names that can pay it back: rules the exercise has, of another category than the
     * test's, with at least one failed test of their own.
     */
    private List<Rule> payers(Scorer.Sized t) {
        if (t.outcome().status() != TestStatus.NOT_EVALUATED) {
            return List.of();
        }
        return PreconditionNotMet.rulesOf(t.outcome().message()).stream()
                .map(rules::get)
                .filter(r -> r != null && !r.category().equals(t.category()))
                .filter(this::failed)
                .toList();
    }

    private boolean failed(Rule rule) {
        return tests.stream()
                .anyMatch(t -> isFailure(t) && rule.checkedBy(t.outcome().name()));
    }

    private static boolean isFailure(Scorer.Sized t) {
        TestStatus s = t.outcome().status();
        return s != TestStatus.PASSED && s != TestStatus.NOT_EVALUATED;
    }

    private double payBack(List<Rule> by, double wanted) {
        double need = wanted;
        for (int i = 0; i < tests.size() && need > 1e-12; i++) {
            String name = tests.get(i).outcome().name();
            if (free[i] > 0 && by.stream().anyMatch(r -> r.checkedBy(name))) {
                double take = Math.min(need, free[i]);
                free[i] -= take;
                need -= take;
            }
        }
        return wanted - need;
    }
}
