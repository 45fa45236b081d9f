package dev.grader.model;

/**
 * What a grade found for people to weigh beyond the score: never scored (unless a manifest gives it a category),
 * never shown to the candidate audience. Each part is null when it was not gathered.
 *
 * @param history how the submission was built, from its git history ({@link HistoryEvidence})
 */
public record Evidence(HistoryEvidence history) {

  /** No evidence gathered. */
  public static Evidence none() {
    return new Evidence(null);
  }

  /** The same evidence with the submission's git history. */
  public Evidence withHistory(HistoryEvidence history) {
    return new Evidence(history);
  }
}
