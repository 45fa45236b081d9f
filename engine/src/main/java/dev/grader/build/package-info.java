/**
 * Stage 2, build: the exercise's classpath (resolved once with Maven, cached) and the in-process compile of the
 * submission with the hidden suites. Depends on {@code exercise}, {@code model}, {@code workspace}.
 */
package dev.grader.build;
