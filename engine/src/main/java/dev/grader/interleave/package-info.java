/**
 * Between the code policy and the test run: for an exercise whose hidden suites use {@code
 * dev.grader.support.interleave.Interleavings}, rewrites the submission's compiled classes so that its race windows
 * can be widened by the tests. Depends on nothing of the grader's; reads and writes class files with ASM.
 */
package dev.grader.interleave;
