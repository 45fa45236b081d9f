package dev.grader.review;

import dev.grader.exercise.Exercise;
import dev.grader.model.ChangeSummary;
import dev.grader.model.Flag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The review evidence of one submission: the {@link Integrity} comparison with the starter, then the
 * {@link StaticReview} of its main sources. Flags never change the score; a person reads them.
 *
 * @param flags integrity flags first, then the static review's, each group sorted by file and line
 * @param changes how the submission differs from the starter
 */
public record Review(List<Flag> flags, ChangeSummary changes) {

  public Review {
    flags = List.copyOf(flags);
  }

  /**
   * Reviews {@code submission}. Never throws for a missing, empty or odd submission: what cannot be read
   * becomes an info flag.
   *
   * @param supportSources the exercise's test-support sources as {@code grader init} gives them (see
   *     {@link Integrity#check}), or {@code null}
   */
  public static Review of(Exercise exercise, Path submission, Path supportSources) {
    Review integrity = Integrity.check(exercise, submission, supportSources);
    List<Flag> flags = new ArrayList<>(integrity.flags());
    flags.addAll(StaticReview.review(exercise, submission));
    return new Review(flags, integrity.changes());
  }
}
