package dev.grader.validate;

import dev.grader.exercise.Mutant;
import dev.grader.exercise.Rule;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds failures charged to a category whose rule the mutant does not break: a mutant that breaks rules of some
 * categories (its {@code loses}, and the categories of the rules that list it) but also loses points in another.
 * Either the mutant breaks a rule of that category too (list it there), or a test of that category needs the broken
 * rule as a precondition and should say so ({@code Precondition.require} of the support library: "not evaluated
 * because ..."), or such a test is paid back only in part because the rule it names is worth less than it.
 */
final class ChargeCheck {

    private ChargeCheck() {}

    /** One warning per mutant and category charged beyond what it declares, from the mutant's first run. */
    static List<String> warnings(List<Rule> rules, Map<Mutant, List<GradeReport>> mutantRuns) {
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<Mutant, List<GradeReport>> e : mutantRuns.entrySet()) {
            Mutant m = e.getKey();
            if (e.getValue().isEmpty() || e.getValue().get(0).status() != GradeStatus.GRADED) {
                continue;
            }
            Set<String> declared = new LinkedHashSet<>(m.loses());
            rules.stream().filter(r -> r.mutants().contains(m.name())).forEach(r -> declared.add(r.category()));
            Map<String, List<TestScore>> extra = new TreeMap<>();
            for (TestScore t : e.getValue().get(0).tests()) {
                if (t.score() < t.maxScore() - 1e-9 && !declared.contains(t.category())) {
                    extra.computeIfAbsent(t.category(), k -> new ArrayList<>()).add(t);
                }
            }
            extra.forEach((category, tests) -> warnings.add(warning(m, declared, category, tests)));
        }
        return warnings;
    }

    private static String warning(Mutant m, Set<String> declared, String category, List<TestScore> tests) {
        List<String> names = tests.stream().map(TestScore::name).toList();
        long partly = tests.stream()
                .filter(t -> t.status() == TestStatus.NOT_EVALUATED)
                .count();
        String which = names.size() + " test" + (names.size() == 1 ? "" : "s") + ": "
                + String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
        String advice = partly == names.size()
                ? "not evaluated, and paid back only in part: the rules they name lost fewer points than they are"
                        + " worth (give those rules' own tests more weight)"
                : "list it under a rule of '" + category + "' it breaks, or make those tests' precondition say \"not"
                        + " evaluated because\"" + (partly > 0 ? " (" + partly + " already do)" : "");
        return "mutant " + m.name() + " breaks rules of " + String.join(", ", declared) + " but is charged in '"
                + category + "' too (" + which + "): " + advice;
    }
}
