/**
 * Stage 0, the exercise: its manifest, rubric, limits, mutants, found by scanning a folder. A leaf: depends on no other
 * grader package.
 */
package dev.grader.exercise;
