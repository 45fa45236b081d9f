/**
 * Stage 5, report: one writer per format (console, JSON, JUnit XML, Markdown, HTML, Gradescope) and the
 * audiences. Depends on {@code model} only.
 */
package dev.grader.report;
