package dev.grader.support.precondition;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A hidden test's precondition that belongs to other rules of the brief: when it does not hold, the test ends as "not
 * evaluated because rule ... failed first" instead of failing, so that the failure is charged to the rule that broke
 * and not to the category of the test that could not look.
 *
 * <pre>{@code
 * List<Long> before = walk(api, limit);
 * Precondition.require(List.of("newest-first-ties-by-id", "filter-on-every-page"), before.equals(expected),
 *     () -> "a walk of the unchanged table listed " + before);
 * // ... the checks of this test's own rule
 * }</pre>
 *
 * <p>The grader scores such a test from what the named rules' own tests lost in the same run, never more: a test of
 * another category that is not evaluated earns its points back only out of the points the named rules' failing tests
 * already cost, each lost point once, so breaking a cheap rule on purpose never pays. When the named rules' own tests
 * all passed, or a rule is in the test's own category, the test loses its points as a failure would. So name the rules
 * whose own tests fail whenever the precondition does not hold.
 */
public final class Precondition {

    private Precondition() {}

    /**
     * Ends the test as not evaluated, because of rule {@code ruleId}, unless {@code holds}.
     *
     * @param ruleId the id of the rule in the exercise's {@code rules.yaml} whose failure this is
     * @param observed what the test saw instead, in the brief's terms (called only when the precondition fails)
     * @throws PreconditionNotMet when {@code holds} is false
     */
    public static void require(String ruleId, boolean holds, Supplier<String> observed) {
        require(Collections.singletonList(ruleId), holds, observed);
    }

    /** As {@link #require(String, boolean, Supplier)}, for a precondition that one of several rules breaks. */
    public static void require(List<String> ruleIds, boolean holds, Supplier<String> observed) {
        if (!holds) {
            throw new PreconditionNotMet(ruleIds, observed.get());
        }
    }
}
