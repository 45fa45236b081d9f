/**
 * The command line (picocli): options in, a service called, its result printed. Nothing depends on it.
 */
package dev.grader.cli;
