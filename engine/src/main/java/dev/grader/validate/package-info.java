/**
 * Proof of an exercise's hidden suites: the solution, the starter and every mutant graded, run after run.
 * Depends on {@code engine}, {@code exercise}, {@code model}, {@code score}, {@code workspace}.
 */
package dev.grader.validate;
