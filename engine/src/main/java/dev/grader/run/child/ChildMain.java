package dev.grader.run.child;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import java.util.Set;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Entry point of the forked test JVM. Runs the hidden suites with the JUnit Platform Launcher and
 * streams events to the grader over a loopback socket, never through stdout. Arguments: port, token,
 * hidden classes folder, per-test timeout in milliseconds, output cap per test in bytes, and optionally a
 * file of unique ids to run (a restart after a timeout).
 *
 * <p>Only the JDK and the JUnit Platform may be used here: this runs on the exercise's classpath.
 */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String token = args[1];
    Path hiddenClasses = Path.of(args[2]);
    long perTestMillis = Long.parseLong(args[3]);
    int outputCap = Integer.parseInt(args[4]);
    EventChannel channel;
    try {
      channel = new EventChannel(port, token);
    } catch (Exception e) {
      Runtime.getRuntime().halt(71);
      return;
    }
    int status = 0;
    try {
      // Loading the JUnit Platform takes a while: do it while the grader is still compiling, then wait for "go".
      LauncherConfig config = LauncherConfig.builder()
          .enableTestExecutionListenerAutoRegistration(false)
          .enableLauncherSessionListenerAutoRegistration(false)
          .enableLauncherDiscoveryListenerAutoRegistration(false)
          .enablePostDiscoveryFilterAutoRegistration(false)
          .build();
      Launcher launcher = LauncherFactory.create(config);
      if (!channel.awaitGo()) {
        return;
      }
      OutputCapture capture = new OutputCapture(outputCap);
      capture.install();
      LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request();
      if (args.length > 5) {
        // A restart after a timeout: only the tests that had not run yet.
        for (String id : Files.readAllLines(Path.of(args[5]))) {
          if (!id.isBlank()) {
            builder.selectors(DiscoverySelectors.selectUniqueId(id));
          }
        }
      } else {
        builder.selectors(selectClasspathRoots(Set.of(hiddenClasses)));
      }
      LauncherDiscoveryRequest request = builder
          .filters(EngineFilter.includeEngines("junit-jupiter"))
          // Submissions cannot reconfigure the run through junit-platform.properties or system properties.
          .enableImplicitConfigurationParameters(false)
          .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
          .configurationParameter("junit.jupiter.execution.timeout.default", perTestMillis + " ms")
          .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
          .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
          .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
          .build();
      launcher.execute(request, new EventListener(channel, capture));
      channel.send("{\"event\":\"done\"}");
    } catch (Throwable t) {
      status = 70;
      try {
        channel.send("{\"event\":\"fatal\",\"message\":" + Json.quote(String.valueOf(t)) + ",\"trace\":"
            + Json.quote(EventListener.trace(t)) + "}");
      } catch (RuntimeException ignored) {
        // the grader sees the channel close without "done"
      }
    } finally {
      try {
        channel.close();
      } catch (Exception ignored) {
        // nothing more can be said
      }
      // Threads the code under test left behind must not keep this JVM alive.
      Runtime.getRuntime().halt(status);
    }
  }
}
