/**
 * Stage 2b, policy: the compiled submission (and its resources) checked against the exercise's code policy on byte
 * code ({@code dev.grader.support.policy}, shared with the starters' visible policy test); a submission that breaks
 * it is not run. Depends on {@code exercise}, {@code model} and the support jar.
 */
package dev.grader.policy;
