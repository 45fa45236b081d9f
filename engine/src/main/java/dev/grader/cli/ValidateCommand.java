package dev.grader.cli;

import dev.grader.build.ClasspathResolver;
import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.mutation.PitRun;
import dev.grader.report.Ansi;
import dev.grader.services.ServiceBroker;
import dev.grader.validate.ExerciseValidation;
import dev.grader.validate.GradeTimes;
import dev.grader.validate.MutantRuns;
import dev.grader.validate.RuleResult;
import dev.grader.validate.Validator;
import dev.grader.validate.VariantResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grader validate}: proves exercises' hidden suites against their solution, starter and mutants. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Proves exercises' hidden suites against their solution, starter and mutants.",
            "The reference solution must get full marks, the untouched starter pass tests worth at most 20%%, every mutant must lose points "
                    + "where it declares, every hidden test must fail on at least one mutant, every rule of rules.yaml must name tests "
                    + "and mutants that fail them, and verdicts must be identical over repeated runs (each with a new seed): every test on the solution, the named tests on each mutant (whose repeats run only the tests it names and those "
                    + "of the categories it loses). Prints a table and each exercise's grading time; exit code 1 on any breach."
        })
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EXERCISE", arity = "0..*", description = "Exercise ids (default: all).")
    List<String> ids = new ArrayList<>();

    @Option(
            names = "--repeat",
            paramLabel = "N",
            defaultValue = "3",
            description =
                    "Runs of the solution and of each mutant, each with a new seed (default: ${DEFAULT-VALUE}); a "
                            + "mutant's first run runs every hidden test, its repeats the tests it names and those of the "
                            + "categories it loses.")
    int repeat;

    @Option(
            names = "--full-repeats",
            description = "A mutant's repeats run every hidden test too (slower): shows the tests it does not name "
                    + "that catch it on some seeds only.")
    boolean fullRepeats;

    @Option(
            names = "--focused",
            description = "Every run of a mutant, its first too, runs only the tests it names, those of the categories"
                    + " it loses and those of the rules that list it (faster): proves what each mutant declares, not"
                    + " what else it breaks (no warnings about that), and each hidden test must fail on a mutant that"
                    + " names it.")
    boolean focused;

    @Option(names = "--jobs", paramLabel = "N", description = "Grades run in parallel (default: the number of cores).")
    Integer jobs;

    @Option(names = "--seed", paramLabel = "N", description = "First seed; run i uses N+i (default: random).")
    Long seed;

    @Option(names = "--no-color", description = "Plain output.")
    boolean noColor;

    @Option(
            names = "--pit",
            description = "Also run PIT (automated mutation) on each reference solution with its hidden "
                    + "suites; fails when fewer than --pit-min percent of the mutations not recorded as equivalent "
                    + "(pit-equivalent.yaml) are detected. Slow: a minute or more per exercise.")
    boolean pit;

    @Option(names = "--pit-only", description = "Run only PIT (--pit), not the variants.")
    boolean pitOnly;

    @Option(
            names = "--pit-min",
            paramLabel = "PERCENT",
            defaultValue = "90",
            description = "The least PIT mutation score that passes (default: ${DEFAULT-VALUE}).")
    double pitMin;

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
        }
        if (focused && fullRepeats) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--focused and --full-repeats cannot go together");
        }
        MutantRuns mutantRuns =
                focused ? MutantRuns.FOCUSED : fullRepeats ? MutantRuns.FULL : MutantRuns.FOCUSED_REPEATS;
        int parallel = jobs == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, jobs);
        ExerciseCatalog catalog = common.catalog();
        List<Exercise> exercises =
                ids.isEmpty() ? catalog.all() : ids.stream().map(catalog::get).toList();
        PrintWriter out = spec.commandLine().getOut();
        Ansi ansi = noColor ? new Ansi(false) : Ansi.auto(GraderHome.settings());
        long base = seed == null ? GradeOptions.randomSeed() : seed;
        out.println("Validating " + exercises.size() + " exercise" + (exercises.size() == 1 ? "" : "s") + " (repeat "
                + repeat + (fullRepeats ? ", full repeats" : "") + (focused ? ", focused mutants" : "") + ", jobs "
                + parallel + ", seeds " + base + ".."
                + (base + repeat - 1) + ")");
        out.flush();
        boolean ok = true;
        ServiceBroker services =
                database.services(); // one database server for the grades and PIT; the grader closes it
        try (Grader grader = new Grader(common.cacheDir(), services, GraderHome.settings())) {
            Validator validator = new Validator(grader, repeat, parallel, base, mutantRuns);
            PitRun pitRun =
                    new PitRun(grader, new ClasspathResolver(common.cacheDir(), GraderHome.settings()), services, base);
            for (Exercise e : exercises) {
                if (!pitOnly) {
                    ExerciseValidation v = validator.validate(e);
                    print(v, out, ansi);
                    ok &= v.ok();
                }
                if (pit || pitOnly) {
                    ok &= PitTable.print(pitRun.run(e), pitMin, out, ansi);
                }
            }
        }
        out.println(ok ? ansi.green("Validation passed.") : ansi.red("Validation FAILED: see the breaches above."));
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.BELOW_BAR;
    }

    private static void print(ExerciseValidation v, PrintWriter out, Ansi ansi) {
        out.println();
        out.println(ansi.bold(v.exercise())
                + String.format(Locale.ROOT, "  (%d hidden tests, %.1fs)", v.hiddenTests(), v.seconds()));
        int width = Math.max(
                20, v.variants().stream().mapToInt(x -> x.name().length()).max().orElse(20));
        int expected = Math.max(
                12,
                v.variants().stream()
                        .mapToInt(x -> x.expectation().length())
                        .max()
                        .orElse(12));
        String row = "  %-8s %-" + width + "s %-18s %-" + expected + "s %s%n";
        out.printf(row, "KIND", "VARIANT", "SCORES", "EXPECTED", "VERDICT");
        for (VariantResult r : v.variants()) {
            out.printf(
                    row,
                    r.kind(),
                    r.name(),
                    scoreColumn(r),
                    r.expectation(),
                    r.ok() ? ansi.green("ok") : ansi.red("BREACH"));
            for (String b : r.breaches()) {
                out.println("      " + ansi.red("✘ ") + b);
            }
        }
        out.println("  " + ansi.dim("grading time: " + GradeTimes.summary(v)));
        out.println("  " + ansi.dim("  by stage: " + GradeTimes.stages(v)));
        printRules(v, out, ansi);
        for (String w : v.warnings()) {
            out.println("  " + ansi.yellow("warning: ") + w);
        }
        for (String b : v.suiteBreaches()) {
            out.println("  " + ansi.red("✘ ") + b);
        }
        if (v.suiteBreaches().isEmpty() && v.hiddenTests() > 0) {
            out.println("  " + ansi.green("✔ ") + "every hidden test fails on at least one mutant");
        }
        out.flush();
    }

    /** One row per rule of rules.yaml: its category, tests and mutants, and whether its mutants were caught. */
    private static void printRules(ExerciseValidation v, PrintWriter out, Ansi ansi) {
        if (v.rules().isEmpty()) {
            return;
        }
        int width = Math.max(
                4, v.rules().stream().mapToInt(r -> r.id().length()).max().orElse(4));
        int cat = Math.max(
                8, v.rules().stream().mapToInt(r -> r.category().length()).max().orElse(8));
        String row = "  %-" + width + "s %-" + cat + "s %5s  %-6s %s%n";
        out.println();
        out.printf(row, "RULE", "CATEGORY", "TESTS", "CAUGHT", "MUTANTS");
        for (RuleResult r : v.rules()) {
            out.printf(
                    row,
                    r.id(),
                    r.category(),
                    r.tests().size(),
                    r.ok() ? ansi.green("yes") + "   " : ansi.red("NO") + "    ",
                    r.mutants().isEmpty() ? "-" : String.join(", ", r.mutants()));
            out.println("      " + ansi.dim("tests: " + (r.tests().isEmpty() ? "-" : String.join(", ", r.tests()))));
            for (String b : r.breaches()) {
                out.println("      " + ansi.red("✘ ") + b);
            }
        }
        long proven = v.rules().stream().filter(RuleResult::ok).count();
        out.println("  " + (proven == v.rules().size() ? ansi.green("✔ ") : ansi.red("✘ ")) + proven + " of "
                + v.rules().size()
                + " rules proven (a test checks each, and each of its mutants fails one of those tests)");
    }

    /** The full runs' scores, then how many runs were focused (their scores count only the tests they ran). */
    private static String scoreColumn(VariantResult r) {
        if (r.fullRuns().isEmpty()) {
            return r.focusedRuns() + " focused";
        }
        return scores(r.fullRuns()) + (r.focusedRuns() > 0 ? " +" + r.focusedRuns() + " focused" : "");
    }

    private static String scores(List<GradeReport> runs) {
        List<String> parts = new ArrayList<>();
        for (GradeReport r : runs) {
            parts.add(
                    r.status() == GradeStatus.GRADED
                            ? fmt(r.percent()) + "%"
                            : r.status() == GradeStatus.DOES_NOT_COMPILE
                                    ? "no-build"
                                    : r.status() == GradeStatus.POLICY_VIOLATION ? "policy" : "error");
        }
        List<String> distinct = parts.stream().distinct().toList();
        return distinct.size() == 1
                ? distinct.get(0) + (runs.size() > 1 ? " ×" + runs.size() : "")
                : String.join(" ", parts);
    }

    private static String fmt(double v) {
        return Math.abs(v - Math.rint(v)) < 0.05 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }
}
