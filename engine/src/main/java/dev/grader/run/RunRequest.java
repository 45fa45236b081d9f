package dev.grader.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One forked run: the classpath of the test JVM (dependencies, hidden suites, submission), the hidden classes
 * to scan, the limits, the system properties known when the JVM starts, and whether its code needs the network
 * (a database server; a container sandbox cuts it off otherwise).
 */
public record RunRequest(
    List<Path> classpath,
    Path hiddenClasses,
    Path workDir,
    Duration perTest,
    Duration wholeRun,
    String maxHeap,
    Map<String, String> systemProperties,
    boolean network) {

  public RunRequest {
    requireNonNull(hiddenClasses, "hiddenClasses");
    requireNonNull(workDir, "workDir");
    classpath = List.copyOf(classpath);
    systemProperties = Map.copyOf(systemProperties);
  }
}
