/**
 * The pipeline: {@link dev.grader.engine.Grader#grade} runs intake's project through build, policy, run, score and
 * report assembly, with the review and the service lease beside it. Depends on every stage package, never on
 * {@code intake}, {@code batch}, {@code validate} or {@code cli}.
 */
package dev.grader.engine;
