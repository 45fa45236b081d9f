package dev.grader.owntests;

import dev.grader.build.CompileResult;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.Mutant;
import dev.grader.exercise.RubricCategory;
import dev.grader.exercise.Rule;
import dev.grader.model.Diagnostic;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.model.OwnTestsEvidence.CategoryCatch;
import dev.grader.model.OwnTestsEvidence.MissedMutant;
import dev.grader.model.TestStatus;
import dev.grader.run.RunOutcome;
import dev.grader.run.RunRequest;
import dev.grader.run.TestOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the candidate's tests did on each variant, turned into {@link OwnTestsEvidence}: a mutant is caught when a
 * test that passes on the reference solution fails, times out or crashes on it (a skipped one catches nothing); a test that does
 * not pass on the reference asserts something the brief does not ask, and catches nothing either.
 */
final class Verdicts {

    /** What a test that passes on the reference does on a mutant it catches (not run, skipped or passed: it does not). */
    private static final Set<TestStatus> CATCHING = Set.of(TestStatus.FAILED, TestStatus.TIMED_OUT, TestStatus.CRASHED);

    private final Exercise exercise;
    private final List<Rule> rules;
    private final List<String> testFiles;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Waiting.Ran> variants = new LinkedHashMap<>();
    private final Set<String> unbuilt = new java.util.HashSet<>();
    private RunOutcome own;
    private OwnTestsEvidence.Coverage coverage;
    private boolean referenceMissing;
    private int referenceRunsNeeded = 1;
    private int referenceRuns;

    Verdicts(Exercise exercise, List<String> testFiles) {
        this.exercise = exercise;
        this.rules = exercise.rules();
        this.testFiles = List.copyOf(testFiles);
    }

    /** The first compiler errors, briefly. */
    static String firstErrors(CompileResult result) {
        return result.diagnostics().stream().limit(2).map(Diagnostic::toString).collect(Collectors.joining("; "));
    }

    /** The reference solution runs {@code n} times; a test passes on it only when it passed in every run. */
    void referenceRuns(int n) {
        referenceRunsNeeded = n;
    }

    void referenceProblem(String why) {
        referenceMissing = true;
        problems.add(why);
    }

    /** The run on the candidate's own code, and the coverage it recorded in {@code execFile}. */
    void own(Waiting.Ran ran, Path execFile, Path mainClasses) {
        if (ran.outcome() == null) {
            problems.add("the run on the candidate's own code failed: " + ran.problem());
            return;
        }
        own = ran.outcome();
        note("the run on the candidate's own code", own);
        try {
            coverage = CoverageAnalysis.analyse(execFile, mainClasses);
        } catch (IOException | RuntimeException e) {
            problems.add("coverage could not be read: " + e.getMessage());
        }
        if (coverage == null) {
            problems.add("coverage was not recorded");
        }
    }

    /** A mutant that did not build (it counts as not evaluated). */
    synchronized void unbuilt(String mutant, String problem) {
        variants.put(mutant, new Waiting.Ran(null, problem));
        unbuilt.add(mutant);
    }

    /**
     * The mutants of {@code all} that built but whose tests did not run (their test JVM ended early, at an earlier
     * variant that ended it); {@link #variants} of a second run replaces what was said of them.
     */
    synchronized List<Mutant> notRun(List<Mutant> all) {
        return all.stream()
                .filter(m -> !unbuilt.contains(m.name()))
                .filter(m ->
                        variants.get(m.name()) == null || variants.get(m.name()).outcome() == null)
                .toList();
    }

    /**
     * One test JVM's run of several variants: each test's id starts with its variant's prefix (see
     * {@link RunRequest.Variant#idPrefix}). A JVM that failed leaves its variants without outcome.
     */
    synchronized void variants(Waiting.Ran batch) {
        if (batch.outcome() == null) {
            problems.add("a run of the reference or mutants failed: " + batch.problem());
            return;
        }
        RunOutcome all = batch.outcome();
        Map<String, List<TestOutcome>> byVariant = new LinkedHashMap<>();
        for (TestOutcome t : all.tests()) {
            int end = t.id().indexOf("]/");
            if (t.id().startsWith("[variant:") && end > 0) {
                String name = t.id().substring("[variant:".length(), end);
                byVariant.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
            }
        }
        byVariant.forEach((name, tests) -> {
            boolean ran = tests.stream().anyMatch(t -> t.status() != TestStatus.NOT_RUN);
            if (name.equals(VariantBuilds.SOLUTION) && ran) {
                referenceRuns++;
            }
            Waiting.Ran before = variants.get(name);
            if (name.equals(VariantBuilds.SOLUTION) && before != null) { // a second run of the reference
                if (ran && before.outcome() != null) {
                    variants.put(name, new Waiting.Ran(IsolatedVariants.bothPassed(before.outcome(), tests), null));
                } else if (before.outcome() != null) {
                    variants.put(name, new Waiting.Ran(null, "its second run did not run its tests"));
                }
                return;
            }
            variants.put(
                    name,
                    ran
                            ? new Waiting.Ran(
                                    new RunOutcome(
                                            tests,
                                            all.ending(),
                                            all.endingMessage(),
                                            all.exitCode(),
                                            null,
                                            null,
                                            all.durationMillis()),
                                    null)
                            : new Waiting.Ran(
                                    null,
                                    "its tests did not run"
                                            + (all.endingMessage() == null ? "" : ": " + all.endingMessage())));
        });
    }

    synchronized OwnTestsEvidence evidence(double seconds) {
        Waiting.Ran solution = variants.get(VariantBuilds.SOLUTION);
        List<String> failingOnReference = List.of();
        Integer mutants = null;
        Integer caught = null;
        List<CategoryCatch> byCategory = List.of();
        List<MissedMutant> missed = new ArrayList<>();
        if (!referenceMissing && solution != null && referenceRuns < referenceRunsNeeded) {
            solution = new Waiting.Ran(null, "ran " + referenceRuns + " of its " + referenceRunsNeeded + " times");
        }
        if (!referenceMissing && (solution == null || solution.outcome() == null)) {
            problems.add(
                    "the run on the reference solution failed: " + (solution == null ? "not run" : solution.problem()));
        } else if (!referenceMissing) {
            RunOutcome ref = solution.outcome();
            note("the run on the reference solution", ref);
            failingOnReference = failing(ref);
            Set<String> passOnRef = ref.tests().stream()
                    .filter(t -> t.status() == TestStatus.PASSED)
                    .map(t -> sameTest(t.id(), VariantBuilds.SOLUTION))
                    .collect(Collectors.toSet());
            List<Mutant> evaluated = new ArrayList<>();
            Set<String> caughtNames = new LinkedHashSet<>();
            List<String> notRun = new ArrayList<>();
            for (Mutant m : exercise.mutants()) {
                Waiting.Ran ran = variants.get(m.name());
                if (ran == null || ran.outcome() == null) {
                    notRun.add(m.name() + " (" + (ran == null ? "not run" : ran.problem()) + ")");
                    continue;
                }
                evaluated.add(m);
                if (ran.outcome().tests().stream()
                        .anyMatch(
                                t -> passOnRef.contains(sameTest(t.id(), m.name())) && CATCHING.contains(t.status()))) {
                    caughtNames.add(m.name());
                } else {
                    missed.add(missed(m));
                }
            }
            if (!notRun.isEmpty()) {
                problems.add(notRun.size() + " mutant" + (notRun.size() == 1 ? " was" : "s were") + " not evaluated: "
                        + String.join("; ", notRun));
            }
            mutants = evaluated.size();
            caught = caughtNames.size();
            byCategory = byCategory(evaluated, caughtNames);
        }
        String status = own == null && mutants == null ? OwnTestsEvidence.NOT_EVALUATED : OwnTestsEvidence.EVALUATED;
        return new OwnTestsEvidence(
                status,
                problems.isEmpty() ? null : String.join("; ", problems),
                testFiles,
                own == null ? 0 : own.tests().size(),
                own == null ? List.of() : failing(own),
                failingOnReference,
                mutants,
                caught,
                byCategory,
                missed,
                coverage,
                seconds);
    }

    /** The test's id without its variant's prefix, so that a test is the same on every variant. */
    private static String sameTest(String id, String variant) {
        String prefix = new RunRequest.Variant(variant, List.of()).idPrefix();
        return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }

    private void note(String which, RunOutcome outcome) {
        if (!outcome.completed() && outcome.endingMessage() != null) {
            problems.add(which + " did not complete: " + outcome.endingMessage());
        }
    }

    /** The tests of {@code outcome} that did not pass (skipped and not evaluated ones aside), by name, each once. */
    private static List<String> failing(RunOutcome outcome) {
        return List.copyOf(outcome.tests().stream()
                .filter(t -> t.status() != TestStatus.PASSED
                        && t.status() != TestStatus.SKIPPED
                        && t.status() != TestStatus.NOT_EVALUATED)
                .map(TestOutcome::name)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private MissedMutant missed(Mutant m) {
        List<String> titles = m.loses().stream()
                .map(id -> exercise.manifest()
                        .category(id)
                        .map(RubricCategory::title)
                        .orElse(id))
                .toList();
        List<String> broken = rules.stream()
                .filter(r -> r.mutants().contains(m.name()))
                .map(Rule::brief)
                .toList();
        return new MissedMutant(m.name(), m.description(), titles, broken);
    }

    private List<CategoryCatch> byCategory(List<Mutant> evaluated, Set<String> caughtNames) {
        List<CategoryCatch> out = new ArrayList<>();
        for (RubricCategory c : exercise.manifest().rubric()) {
            List<Mutant> in =
                    evaluated.stream().filter(m -> m.loses().contains(c.id())).toList();
            if (!in.isEmpty()) {
                int n = (int)
                        in.stream().filter(m -> caughtNames.contains(m.name())).count();
                out.add(new CategoryCatch(c.id(), c.title(), in.size(), n));
            }
        }
        return out;
    }
}
