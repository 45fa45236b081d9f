package dev.grader.validate;

import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.Mutant;
import dev.grader.exercise.Rule;
import dev.grader.model.CategoryScore;
import dev.grader.model.GradeReport;
import dev.grader.model.ScoredBy;
import dev.grader.model.TestScore;
import dev.grader.score.Scorer;
import dev.grader.workspace.TemporaryFolders;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Proves an exercise's hidden suites: the solution gets full marks, the starter passes tests worth at most
 * {@value #STARTER_MAX_PERCENT}%, every mutant loses points where it declares, every hidden test
 * fails on at least one mutant, every rule of {@code rules.yaml} has tests and mutants that fail them, and verdicts
 * do not change over repeated runs with new seeds.
 */
public final class Validator {

    public static final double STARTER_MAX_PERCENT = 20.0;

    private final Grader grader;
    private final int repeat;
    private final int jobs;
    private final long baseSeed;
    private final MutantRuns mutantRuns;

    /** A mutant's first run runs every hidden test, its repeats only the tests its checks read ({@link Focus}). */
    public Validator(Grader grader, int repeat, int jobs, long baseSeed) {
        this(grader, repeat, jobs, baseSeed, MutantRuns.FOCUSED_REPEATS);
    }

    /** {@code mutantRuns}: which hidden tests a mutant's runs run. */
    public Validator(Grader grader, int repeat, int jobs, long baseSeed, MutantRuns mutantRuns) {
        this.grader = grader;
        this.repeat = repeat;
        this.jobs = jobs;
        this.baseSeed = baseSeed;
        this.mutantRuns = mutantRuns;
    }

    public ExerciseValidation validate(Exercise exercise) {
        long t0 = System.nanoTime();
        Path work;
        try {
            work = TemporaryFolders.create("grader-validate-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            GradeRuns grades = new GradeRuns(grader, pool, repeat, baseSeed, mutantRuns);
            Path solution = Variants.solution(exercise, work.resolve("solution"));
            CompletableFuture<List<GradeReport>> solutionRuns = grades.every(exercise, solution, repeat);
            CompletableFuture<List<GradeReport>> starterRuns = grades.every(exercise, exercise.starter(), 1);
            CompletableFuture<GradeReport> solutionFirst = solutionRuns.thenApply(runs -> runs.get(0));
            Map<Mutant, CompletableFuture<List<GradeReport>>> mutantRuns = new LinkedHashMap<>();
            for (Mutant m : exercise.mutants()) {
                mutantRuns.put(
                        m,
                        grades.mutant(
                                exercise,
                                Variants.mutant(exercise, m, work.resolve("mutant-" + m.name())),
                                m,
                                solutionFirst));
            }

            List<VariantResult> variants = new ArrayList<>();
            VariantResult sol = checkSolution(GradeRuns.join(solutionRuns));
            variants.add(sol);
            variants.add(checkStarter(GradeRuns.join(starterRuns)));
            Map<Mutant, List<GradeReport>> mutantReports = new LinkedHashMap<>();
            Map<String, Boolean> killed = new TreeMap<>();
            List<String> warnings = new ArrayList<>();
            List<TestScore> hiddenTests =
                    sol.runs().isEmpty() ? List.of() : sol.runs().get(0).tests();
            hiddenTests.forEach(t -> killed.put(t.name(), false));
            List<Rule> ruleList = GradeRuns.rulesOf(exercise);
            for (Map.Entry<Mutant, CompletableFuture<List<GradeReport>>> e : mutantRuns.entrySet()) {
                VariantResult v = checkMutant(
                        e.getKey(), GradeRuns.join(e.getValue()), killed.keySet(), ruleList, warnings, sol.runs());
                variants.add(v);
                mutantReports.put(e.getKey(), v.runs());
                for (GradeReport r : v.runs()) {
                    r.tests().stream()
                            .filter(TestScore::failed)
                            .forEach(t -> killed.computeIfPresent(t.name(), (k, old) -> true));
                }
            }
            List<String> suite = new ArrayList<>();
            if (hiddenTests.isEmpty()) {
                suite.add("the hidden suites ran no test on the solution");
            }
            for (TestScore t : hiddenTests) {
                if (t.category().equals(Scorer.UNCATEGORISED)) {
                    suite.add("hidden test " + t.name() + " has no rubric category tag");
                }
            }
            killed.forEach((test, k) -> {
                if (!k) {
                    suite.add(
                            "hidden test " + test + " fails on no mutant: it proves nothing (add a mutant it catches)");
                }
            });
            RuleCheck.Outcome rules = RuleCheck.check(exercise, killed.keySet(), mutantReports);
            suite.addAll(rules.breaches());
            warnings.addAll(rules.warnings());
            warnings.addAll(ChargeCheck.warnings(rules.parsed(), mutantReports));
            return new ExerciseValidation(
                    exercise.id(),
                    variants,
                    hiddenTests.size(),
                    suite,
                    rules.rules(),
                    warnings,
                    (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
            TemporaryFolders.delete(work);
        }
    }

    private VariantResult checkSolution(List<GradeReport> runs) {
        List<String> breaches = new ArrayList<>();
        for (GradeReport r : runs) {
            if (!RunBreaches.built(r, breaches, true)) {
                continue;
            }
            if (!r.hiddenFullMarks()) {
                breaches.add("scored " + fmt(r.score()) + "/" + fmt(r.maxScore()) + " with seed " + r.seed()
                        + "; failed: " + RunBreaches.failures(r));
            }
        }
        Verdicts.flaky(runs, breaches);
        return new VariantResult("solution", "solution", "full marks", runs, breaches);
    }

    private VariantResult checkStarter(List<GradeReport> runs) {
        List<String> breaches = new ArrayList<>();
        for (GradeReport r : runs) {
            if (RunBreaches.built(r, breaches) && passedPercent(r) > STARTER_MAX_PERCENT) {
                breaches.add("passed tests worth " + fmt(passedPercent(r)) + "% (at most " + fmt(STARTER_MAX_PERCENT)
                        + "% allowed)");
            }
        }
        return new VariantResult(
                "starter", "starter", "passes at most " + fmt(STARTER_MAX_PERCENT) + "%", runs, breaches);
    }

    /**
     * The share of the hidden categories' points that tests the run passed earned: points paid back to tests that were
     * not evaluated are charged to the rule that failed first, not given for passing anything.
     */
    static double passedPercent(GradeReport r) {
        double max = r.categories().stream()
                .filter(c -> c.scoredBy() == ScoredBy.HIDDEN_TESTS)
                .mapToDouble(CategoryScore::maxScore)
                .sum();
        double passed = r.tests().stream()
                .filter(TestScore::passed)
                .mapToDouble(TestScore::score)
                .sum();
        return max <= 0 ? 0 : 100.0 * passed / max;
    }

    /**
     * A mutant must fail the tests it names on every run and lose the categories it names. A test it does not name that
     * catches it on some runs only (random data that meets the bug with some seeds, a race test that sees a racy bug
     * now and then) is a warning: the reference passing every run is what proves a test is not flaky.
     */
    private VariantResult checkMutant(
            Mutant m,
            List<GradeReport> runs,
            Set<String> hiddenTests,
            List<Rule> rules,
            List<String> warnings,
            List<GradeReport> solutionRuns) {
        List<String> breaches = new ArrayList<>();
        for (String f : m.fails()) {
            if (hiddenTests.stream().noneMatch(t -> matches(t, f))) {
                breaches.add("fails: names '" + f + "', which is no hidden test");
            }
        }
        for (GradeReport r : runs) {
            if (!RunBreaches.built(r, breaches)) {
                continue;
            }
            for (String category : m.loses()) {
                CategoryScore c = r.categories().stream()
                        .filter(x -> x.id().equals(category))
                        .findFirst()
                        .orElse(null);
                if (c != null && c.score() >= c.maxScore() - 1e-9) {
                    breaches.add("kept full marks in '" + category + "' with seed " + r.seed());
                }
            }
            for (String f : m.fails()) {
                for (TestScore t : r.tests()) {
                    if (matches(t.name(), f) && !t.failed()) {
                        breaches.add(t.name() + (t.passed() ? " passed" : " was not evaluated") + " with seed "
                                + r.seed() + " but must fail");
                    }
                }
            }
        }
        Verdicts.varying(runs).forEach((test, passSeeds) -> {
            if (m.fails().stream().anyMatch(f -> matches(test, f))) {
                breaches.add(Verdicts.flakyMessage(test, passSeeds));
            } else {
                warnings.add("mutant " + m.name() + ": " + test + ", which it does not name, passed with seeds "
                        + passSeeds + " and failed with the others (data or timing that meets the bug on some runs)");
            }
        });
        List<String> expected = new ArrayList<>();
        if (!m.loses().isEmpty()) {
            expected.add("loses " + String.join(", ", m.loses()));
        }
        if (!m.fails().isEmpty()) {
            expected.add(
                    "fails " + m.fails().size() + " named test" + (m.fails().size() == 1 ? "" : "s"));
        }
        return new VariantResult(
                m.name(),
                "mutant",
                String.join("; ", expected),
                runs,
                List.copyOf(new LinkedHashSet<>(breaches)),
                focusedRuns(m, runs, rules, solutionRuns));
    }

    /** How many of a mutant's runs, the last ones, ran only the tests {@link Focus} chose. */
    private int focusedRuns(Mutant m, List<GradeReport> runs, List<Rule> rules, List<GradeReport> solutionRuns) {
        return switch (mutantRuns) {
            case FULL -> 0;
            case FOCUSED_REPEATS ->
                runs.isEmpty() || Focus.of(m, rules, runs.get(0)).isEmpty() ? 0 : runs.size() - 1;
            case FOCUSED ->
                solutionRuns.isEmpty()
                                || Focus.of(m, rules, solutionRuns.get(0)).isEmpty()
                        ? 0
                        : runs.size();
        };
    }

    private static boolean matches(String testName, String pattern) {
        return Rule.names(testName, pattern);
    }

    static String fmt(double v) {
        return Math.abs(v - Math.rint(v)) < 0.005
                ? Long.toString(Math.round(v))
                : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
