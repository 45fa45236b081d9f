package dev.grader.validate;

import dev.grader.model.GradeReport;
import dev.grader.model.TestScore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The tests whose verdict changed between the repeated runs of one variant. */
final class Verdicts {

    private Verdicts() {}

    /** The same test must pass or fail on every run of a variant. */
    static void flaky(List<GradeReport> runs, List<String> breaches) {
        varying(runs).forEach((test, passSeeds) -> breaches.add(flakyMessage(test, passSeeds)));
    }

    /** The tests that passed on some runs and failed on others, each with the seeds of the runs it passed. */
    static Map<String, List<Long>> varying(List<GradeReport> runs) {
        Map<String, Set<Boolean>> verdicts = new TreeMap<>();
        Map<String, List<Long>> passSeeds = new TreeMap<>();
        for (GradeReport r : runs) {
            for (TestScore t : r.tests()) {
                verdicts.computeIfAbsent(t.name(), k -> new LinkedHashSet<>()).add(t.passed());
                if (t.passed()) {
                    passSeeds.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(r.seed());
                }
            }
        }
        Map<String, List<Long>> out = new TreeMap<>();
        verdicts.forEach((test, v) -> {
            if (v.size() > 1) {
                out.put(test, passSeeds.get(test));
            }
        });
        return out;
    }

    static String flakyMessage(String test, List<Long> passSeeds) {
        return "flaky: " + test + " passed with seeds " + passSeeds + " and failed with the others";
    }
}
