/**
 * Stage 0, the exercise: its manifest, rubric, limits, mutants, found by scanning a folder. Depends on no other grader
 * package but the support jar's code-policy rules (which a manifest's {@code policy.allow} names).
 */
package dev.grader.exercise;
