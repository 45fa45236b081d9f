package dev.grader.model;

/**
 * What a grade found for people to weigh beyond the score: never scored (unless a manifest gives it a category),
 * never shown to the candidate audience. Each part is null when it was not gathered.
 */
public record Evidence() {

  /** No evidence gathered. */
  public static Evidence none() {
    return new Evidence();
  }
}
