package dev.grader.model;

/**
 * What a grade found for people to weigh beyond the score: never scored (unless a manifest gives it a category),
 * never shown to the candidate audience. Each part is null when it was not gathered.
 *
 * @param ownTests the candidate's own tests against their code, the reference and the mutants
 */
public record Evidence(OwnTestsEvidence ownTests) {

  /** No evidence gathered. */
  public static Evidence none() {
    return new Evidence(null);
  }

  /** The same evidence with {@code ownTests}. */
  public Evidence withOwnTests(OwnTestsEvidence ownTests) {
    return new Evidence(ownTests);
  }
}
