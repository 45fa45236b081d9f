/**
 * Beside the review, where to read: the candidate's added and changed files as diffs against the starter, and the
 * methods they added or changed with their sizes, capped so that no submission can flood the report. Called by
 * {@code review}; depends on {@code model} only.
 */
package dev.grader.codeview;
