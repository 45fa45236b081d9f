package dev.grader.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One forked run: the classpath of the test JVM (grader runner, hidden suites, submission,
 * dependencies), the hidden classes to scan, and the limits.
 */
public record RunRequest(
    List<Path> classpath,
    Path hiddenClasses,
    Path workDir,
    Duration perTest,
    Duration wholeRun,
    String maxHeap,
    Map<String, String> systemProperties) {

  public RunRequest {
    requireNonNull(hiddenClasses, "hiddenClasses");
    requireNonNull(workDir, "workDir");
    classpath = List.copyOf(classpath);
    systemProperties = Map.copyOf(systemProperties);
  }
}
