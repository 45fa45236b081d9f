package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

/** One scoring category of an exercise's rubric; hidden tests join it with {@code @Tag(id)}. */
public record RubricCategory(String id, String title, double weight) {
  public RubricCategory {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
  }
}
