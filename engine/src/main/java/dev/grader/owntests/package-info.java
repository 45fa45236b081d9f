/**
 * The candidate's own tests, scored against the exercise's mutants: compiled against their code and against the
 * reference solution, run (in the hidden suites' bounded test JVMs) on their code with JaCoCo coverage, on the
 * reference and on every mutant; evidence for people, never a score.
 * Depends on {@code build}, {@code exercise}, {@code model}, {@code policy}, {@code run}, {@code workspace}.
 */
package dev.grader.owntests;
