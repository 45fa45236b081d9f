package dev.grader.run;

import java.util.List;

/** A started test JVM, a local process or a container, with its output drains. */
interface TestJvm extends AutoCloseable {

  /** The JVM's raw stdout (what bypassed {@code System.out}, and the JVM's own notices). */
  CappedSink stdout();

  /** The JVM's raw stderr. */
  CappedSink stderr();

  boolean isAlive();

  /** Waits up to {@code millis} for the JVM to end; its exit status, or null while it runs. */
  Integer waitFor(long millis);

  /** Looks for processes the JVM started (called now and then during the run). */
  void watch();

  /** Command lines of the processes the JVM started that were seen, in order. */
  List<String> startedProcesses();

  /** Stops the JVM and everything it started; idempotent. */
  @Override
  void close();
}
