/**
 * The report model every stage shares: the grade report and its parts (status, categories, tests, flags, change
 * summary, compiler diagnostics) and the domain exceptions. A leaf: it depends on no other grader package.
 */
package dev.grader.model;
