package dev.grader.model;

/**
 * What a grade found for people to weigh beyond the score: never scored (unless a manifest gives it a category),
 * never shown to the candidate audience. Each part is null when it was not gathered.
 *
 * @param similarity how much of the code matches other submissions, the reference or known solutions (issue 17.2)
 */
public record Evidence(SimilarityEvidence similarity) {

  /** No evidence gathered. */
  public static Evidence none() {
    return new Evidence(null);
  }

  /** This evidence with {@code similarity} (null: not gathered). */
  public Evidence withSimilarity(SimilarityEvidence similarity) {
    return new Evidence(similarity);
  }
}
