package dev.grader.model;

/**
 * One rubric category in a report: points, and how many of its tests passed.
 *
 * @param hint what the category checks, safe to share with the candidate; {@code null} when the exercise gives none
 */
public record CategoryScore(String id, String title, double score, double maxScore, int tests, int passed,
    String hint) {}
