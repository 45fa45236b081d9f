/**
 * The report model every stage shares: the grade report and its parts (status, categories, tests, flags, change
 * summary, compiler diagnostics), the domain exceptions, and {@link dev.grader.model.GraderSettings}: the settings
 * the command line reads from the environment once and passes down (no other package reads the environment). A leaf:
 * it depends on no other grader package.
 */
package dev.grader.model;
