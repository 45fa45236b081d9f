/**
 * Stage 4, score: a run's outcomes against the rubric. Depends on {@code exercise}, {@code model}, {@code run}.
 */
package dev.grader.score;
