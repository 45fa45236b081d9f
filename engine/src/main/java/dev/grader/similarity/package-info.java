/**
 * Beside the batch, similarity: the submissions of a batch compared with each other, the reference solution and known
 * solutions by JPlag, which runs in a separate JVM (the GPL-3.0 {@code similarity-worker}; this package only starts
 * it and reads its JSON). Depends on {@code model} and {@code workspace}.
 */
package dev.grader.similarity;
