package dev.grader.score;

/** One rubric category in a report: points and how many of its tests passed. */
public record CategoryScore(String id, String title, double score, double maxScore, int tests, int passed) {}
