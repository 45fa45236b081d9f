/**
 * Many submissions: {@code grade-all}'s jobs, re-runs, and the leaderboards. Depends on {@code intake},
 * {@code engine}, {@code exercise}, {@code model}, {@code report}, {@code similarity}, {@code workspace}.
 */
package dev.grader.batch;
