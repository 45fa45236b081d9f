/**
 * Automated mutation of an exercise's reference solution (PIT), a second source of mistakes beside the exercise's
 * hand-written mutants: which mutants the hidden suites kill, which survive, and which the exercise records as
 * equivalent. Run by {@code grader validate --pit}. Depends on {@code build}, {@code engine}, {@code exercise},
 * {@code model}, {@code services}, {@code workspace}.
 */
package dev.grader.mutation;
