package dev.grader.intake;

import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.exercise.Mutant;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One of an exercise's own variants, graded instead of a candidate's submission: its reference solution, its
 * starter, or one of its mutants.
 *
 * @param mutant the mutant, for {@link Kind#MUTANT} only
 */
public record Variant(Kind kind, Mutant mutant) {

    /** Which variant. */
    public enum Kind {
        SOLUTION,
        STARTER,
        MUTANT
    }

    public Variant {
        if ((kind == Kind.MUTANT) != (mutant != null)) {
            throw new IllegalArgumentException("a mutant variant names its mutant, and only it does");
        }
    }

    /** {@code solution}, {@code starter} or {@code mutant:<name>} of {@code exercise}. */
    public static Variant parse(Exercise exercise, String text) {
        if (text.equals("solution")) {
            return new Variant(Kind.SOLUTION, null);
        }
        if (text.equals("starter")) {
            return new Variant(Kind.STARTER, null);
        }
        if (text.startsWith("mutant:")) {
            String name = text.substring("mutant:".length());
            return exercise.mutants().stream()
                    .filter(m -> m.name().equals(name))
                    .findFirst()
                    .map(m -> new Variant(Kind.MUTANT, m))
                    .orElseThrow(() -> new ExerciseException(
                            "exercise '" + exercise.id() + "' has no mutant '" + name + "'; it has: "
                                    + String.join(
                                            ", ",
                                            exercise.mutants().stream()
                                                    .map(Mutant::name)
                                                    .toList())));
        }
        throw new ExerciseException("--variant must be solution, starter or mutant:<name>, was '" + text + "'");
    }

    /** The variant laid out as a project folder under {@code work} (the starter is used where it is). */
    public Path materialise(Exercise exercise, Path work) throws IOException {
        return switch (kind) {
            case STARTER -> exercise.starter();
            case SOLUTION -> Variants.solution(exercise, work.resolve("solution"));
            case MUTANT -> Variants.mutant(exercise, mutant, work.resolve("mutant-" + mutant.name()));
        };
    }

    /** How the command line names it. */
    public String label() {
        return switch (kind) {
            case SOLUTION -> "solution";
            case STARTER -> "starter";
            case MUTANT -> "mutant:" + mutant.name();
        };
    }
}
