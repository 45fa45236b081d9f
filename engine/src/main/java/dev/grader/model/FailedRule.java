package dev.grader.model;

/**
 * A rule of the brief that a run broke: one of its hidden tests did not pass. Candidate-safe: the brief's own words.
 *
 * @param id the rule's id in {@code rules.yaml}
 * @param brief the brief's words for the rule
 */
public record FailedRule(String id, String brief) {}
