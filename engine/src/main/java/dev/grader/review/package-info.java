/**
 * Beside the pipeline, review: the submission compared with the starter and its sources read for what a person
 * should look at (flags that never change the score). Depends on {@code codeview} (the diffs for a
 * reviewer to read), {@code exercise}, {@code model}, {@code workspace}.
 */
package dev.grader.review;
