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
    private final boolean focus;

    /** {@code focus}: a mutant's repeats run only the tests its checks read ({@link Focus}). */
    GradeRuns(Grader grader, ExecutorService pool, int repeat, long baseSeed, boolean focus) {
        this.grader = grader;
        this.pool = pool;
        this.repeat = repeat;
        this.baseSeed = baseSeed;
        this.focus = focus;
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
     * A mutant's runs: the first runs every hidden test; the repeats, each with a new seed, run only the tests the
     * checks read ({@link Focus}): a repeat proves that the mutant's verdicts do not change, not what else it breaks.
     */
    CompletableFuture<List<GradeReport>> mutant(Exercise exercise, Path project, Mutant m) {
        return grade(exercise, project, baseSeed, List.of()).thenCompose(first -> {
            List<String> tests = focus ? Focus.of(m, rulesOf(exercise), first) : List.of();
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
                () -> grader.grade(exercise, project, new GradeOptions(seed, false, tests)), pool);
    }

    private static CompletableFuture<List<GradeReport>> all(List<CompletableFuture<GradeReport>> runs) {
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                .thenApply(done -> runs.stream().map(CompletableFuture::join).toList());
    }
}
