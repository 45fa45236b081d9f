/**
 * Stage 3, run: the hidden suites in a forked, bounded test JVM (local, confined or in Docker), its event channel and
 * the outcome of every planned test. Depends on {@code exercise}, {@code model}, {@code workspace} and the support jar;
 * its {@code child} package is the test JVM's side and depends on the JDK and the JUnit Platform only.
 */
package dev.grader.run;
