package dev.grader.exercise;

import static java.util.Objects.requireNonNull;

/**
 * One scoring category of an exercise's rubric; hidden tests join it with {@code @Tag(id)}.
 *
 * @param hint what the category checks, in words safe to give the candidate (no hidden test names or data);
 *     {@code null} when the manifest gives none
 * @param byOwnTests whether the candidate's own tests earn its points ({@code scored_by: own_tests}: the share of the
 *     exercise's mutants they catch) instead of the hidden tests tagged with its id ({@code hidden_tests}, the default)
 */
public record RubricCategory(String id, String title, double weight, String hint, boolean byOwnTests) {
    public RubricCategory {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
    }

    public RubricCategory(String id, String title, double weight, String hint) {
        this(id, title, weight, hint, false);
    }

    public RubricCategory(String id, String title, double weight) {
        this(id, title, weight, null);
    }
}
