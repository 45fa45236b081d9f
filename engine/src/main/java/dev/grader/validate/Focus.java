package dev.grader.validate;

import dev.grader.exercise.Mutant;
import dev.grader.exercise.Rule;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.TestScore;
import java.util.List;

/**
 * The hidden tests a mutant's repeated runs need: those its {@code fails} names, every test of the categories its
 * {@code loses} names (so that a lost category is scored on all its tests) and the tests of the rules that list it
 * (each of which it must fail on every run), as the first run found them.
 */
final class Focus {

    private Focus() {}

    /**
     * The tests to rerun, as {@code SimpleClassName.method}; empty (run them all) when the first run was not graded or
     * the mutant names nothing.
     */
    static List<String> of(Mutant m, List<Rule> rules, GradeReport first) {
        if (first.status() != GradeStatus.GRADED) {
            return List.of();
        }
        List<Rule> its =
                rules.stream().filter(r -> r.mutants().contains(m.name())).toList();
        return first.tests().stream()
                .filter(t -> m.loses().contains(t.category())
                        || m.fails().stream().anyMatch(f -> Rule.names(t.name(), f))
                        || its.stream().anyMatch(r -> r.checkedBy(t.name())))
                .map(Focus::method)
                .distinct()
                .toList();
    }

    /** A test's method, without a parameterized invocation's {@code [...]}. */
    private static String method(TestScore t) {
        int bracket = t.name().indexOf('[');
        return bracket < 0 ? t.name() : t.name().substring(0, bracket);
    }
}
