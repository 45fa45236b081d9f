/**
 * The candidate's own tests, scored against the exercise's mutants: compiled against their code and against the
 * reference solution, run (in the hidden suites' bounded test JVMs) on their code with JaCoCo coverage, on the
 * reference and on every mutant, each test JVM with a fresh database of its own where the exercise uses PostgreSQL;
 * evidence for people, and the points of a category scored by them ({@code score.OwnTestsScore}).
 * Depends on {@code build}, {@code exercise}, {@code model}, {@code policy}, {@code run}, {@code services},
 * {@code workspace}.
 */
package dev.grader.owntests;
