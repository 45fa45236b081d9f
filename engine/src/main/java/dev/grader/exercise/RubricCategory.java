package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

/**
 * One scoring category of an exercise's rubric; hidden tests join it with {@code @Tag(id)}.
 *
 * @param hint what the category checks, in words safe to give the candidate (no hidden test names or data);
 *     {@code null} when the manifest gives none
 */
public record RubricCategory(String id, String title, double weight, String hint) {
    public RubricCategory {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
    }

    public RubricCategory(String id, String title, double weight) {
        this(id, title, weight, null);
    }
}
