package dev.grader.validate;

import dev.grader.model.GradeReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a validation's time went, for authors: the seconds of all its grades, their median, and the variants whose
 * grades took longest (a mutant that makes a test wait out its time limit shows here).
 */
public final class GradeTimes {

    /** How many of the slowest variants are named. */
    static final int SLOWEST = 3;

    private GradeTimes() {}

    /**
     * One line such as {@code 244.1s in 64 grades (median 3.0s); slowest: select-for-update 23.7s, ...}; a variant's
     * time is its slowest run's. Followed by {@link #stages} when the grades were timed.
     */
    public static String summary(ExerciseValidation v) {
        List<Double> all = new ArrayList<>();
        Map<String, Double> slowest = new TreeMap<>();
        for (VariantResult r : v.variants()) {
            for (GradeReport g : r.runs()) {
                double s = g.timing() == null ? 0 : g.timing().total();
                all.add(s);
                slowest.merge(r.name(), s, Math::max);
            }
        }
        if (all.isEmpty()) {
            return "no grades";
        }
        List<Double> sorted = all.stream().sorted().toList();
        String names = slowest.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(SLOWEST)
                .map(e -> e.getKey() + " " + seconds(e.getValue()))
                .collect(Collectors.joining(", "));
        return seconds(all.stream().mapToDouble(Double::doubleValue).sum()) + " in " + all.size() + " grade"
                + (all.size() == 1 ? "" : "s") + " (median " + seconds(sorted.get(sorted.size() / 2)) + "); slowest: "
                + names;
    }

    /**
     * Where those seconds went, summed over the grades: {@code compile 40.2s, launch 3.1s, services 1.0s, tests
     * 180.3s, other 19.5s} ({@code other}: resolving the classpath, the code policy, scoring and reporting).
     */
    public static String stages(ExerciseValidation v) {
        double compile = 0, launch = 0, services = 0, tests = 0, total = 0;
        for (VariantResult r : v.variants()) {
            for (GradeReport g : r.runs()) {
                GradeReport.Timing t = g.timing();
                if (t != null) {
                    compile += t.compile();
                    launch += t.launch();
                    services += t.services();
                    tests += t.tests();
                    total += t.total();
                }
            }
        }
        double other = Math.max(0, total - compile - launch - services - tests);
        return "compile " + seconds(compile) + ", launch " + seconds(launch) + ", services " + seconds(services)
                + ", tests " + seconds(tests) + ", other " + seconds(other);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1fs", s);
    }
}
