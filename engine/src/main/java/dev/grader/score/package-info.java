/**
 * Stage 4, score: a run's outcomes against the rubric. Depends on {@code exercise}, {@code model}, {@code run} and the
 * support jar (the message format of a hidden test's precondition).
 */
package dev.grader.score;
