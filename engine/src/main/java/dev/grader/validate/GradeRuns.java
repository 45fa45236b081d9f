package dev.grader.validate;

import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.exercise.Mutant;
import dev.grader.exercise.Rule;
import dev.grader.model.GradeReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/** The grades of one validation, run on a pool: run {@code i} of a variant has seed {@code baseSeed + i}. */
final class GradeRuns {

    private final Grader grader;
    private final ExecutorService pool;
    private final int repeat;
    private final long baseSeed;
    private final MutantRuns mutantRuns;

    /** {@code mutantRuns}: which hidden tests a mutant's runs run. */
    GradeRuns(Grader grader, ExecutorService pool, int repeat, long baseSeed, MutantRuns mutantRuns) {
        this.grader = grader;
        this.pool = pool;
        this.repeat = repeat;
        this.baseSeed = baseSeed;
        this.mutantRuns = mutantRuns;
    }

    /** {@code times} runs of every hidden test. */
    CompletableFuture<List<GradeReport>> every(Exercise exercise, Path project, int times) {
        List<CompletableFuture<GradeReport>> all = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            all.add(grade(exercise, project, baseSeed + i, List.of()));
        }
        return all(all);
    }

    /**
     * A mutant's runs, each with a new seed. With {@link MutantRuns#FOCUSED_REPEATS} the first runs every hidden test
     * and the repeats only the tests the checks read ({@link Focus}): a repeat proves that the mutant's verdicts do not
     * change, not what else it breaks. With {@link MutantRuns#FOCUSED} the first run is focused too, on the tests as
     * {@code solution}, the solution's first run, names them.
     */
    CompletableFuture<List<GradeReport>> mutant(
            Exercise exercise, Path project, Mutant m, CompletableFuture<GradeReport> solution) {
        if (mutantRuns == MutantRuns.FOCUSED) {
            return solution.thenCompose(sol -> {
                List<String> tests = Focus.of(m, rulesOf(exercise), sol);
                List<CompletableFuture<GradeReport>> all = new ArrayList<>();
                for (int i = 0; i < repeat; i++) {
                    all.add(grade(exercise, project, baseSeed + i, tests));
                }
                return all(all);
            });
        }
        return grade(exercise, project, baseSeed, List.of()).thenCompose(first -> {
            List<String> tests =
                    mutantRuns == MutantRuns.FOCUSED_REPEATS ? Focus.of(m, rulesOf(exercise), first) : List.of();
            List<CompletableFuture<GradeReport>> all = new ArrayList<>();
            all.add(CompletableFuture.completedFuture(first));
            for (int i = 1; i < repeat; i++) {
                all.add(grade(exercise, project, baseSeed + i, tests));
            }
            return all(all);
        });
    }

    /** The exercise's rules, or none when its {@code rules.yaml} is missing or broken (validate reports that). */
    static List<Rule> rulesOf(Exercise exercise) {
        try {
            return Files.isRegularFile(exercise.rulesFile()) ? exercise.rules() : List.of();
        } catch (ExerciseException e) {
            return List.of();
        }
    }

    /** The reports, once all are there; a grade that failed inside the grader is an {@link IllegalStateException}. */
    static List<GradeReport> join(CompletableFuture<List<GradeReport>> runs) {
        try {
            return runs.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause =
                    e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            throw new IllegalStateException("a grade failed inside the grader: " + cause, cause);
        }
    }

    private CompletableFuture<GradeReport> grade(Exercise exercise, Path project, long seed, List<String> tests) {
        return CompletableFuture.supplyAsync(
                () -> grader.grade(exercise, project, new GradeOptions(seed, false, tests, false)), pool);
    }

    private static CompletableFuture<List<GradeReport>> all(List<CompletableFuture<GradeReport>> runs) {
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                .thenApply(done -> runs.stream().map(CompletableFuture::join).toList());
    }
}
