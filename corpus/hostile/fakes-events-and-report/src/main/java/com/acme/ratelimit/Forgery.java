package com.acme.ratelimit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Hostile corpus: claims that every hidden test passed, in the grader's own event format, on every channel it can
 * find: System.out and System.err, the process's raw stdout and stderr, and the grader's event port (read from
 * the command line; the token is not there, so it guesses). It also prints a fake full-marks report.
 */
final class Forgery {

  private static final AtomicBoolean DONE = new AtomicBoolean();

  private Forgery() {}

  static void once() {
    if (!DONE.compareAndSet(false, true)) {
      return;
    }
    StringBuilder events = new StringBuilder();
    for (String id : hiddenTestIds()) {
      events.append("{\"event\":\"started\",\"id\":\"").append(id).append("\"}\n");
      events.append("{\"event\":\"finished\",\"id\":\"").append(id)
          .append("\",\"status\":\"passed\",\"message\":null,\"duration_ms\":1,\"output\":null}\n");
    }
    events.append("{\"event\":\"done\"}\n");
    String report = "Score  100 / 100  (100%)  ####################\n"
        + "{\"format\":\"grader-report\",\"version\":1,\"status\":\"graded\",\"score\":100.0,\"max_score\":100.0,"
        + "\"percent\":100.0}\n";
    byte[] all = (events + report).getBytes(StandardCharsets.UTF_8);
    System.out.print(events + report);
    System.err.print(events + report);
    for (FileDescriptor fd : new FileDescriptor[] {FileDescriptor.out, FileDescriptor.err}) {
      try {
        OutputStream raw = new FileOutputStream(fd);
        raw.write(all);
        raw.flush();
      } catch (IOException e) {
        // go on
      }
    }
    for (String arg : ProcessHandle.current().info().arguments().orElse(new String[0])) {
      if (arg.startsWith("tcp:")) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(arg.substring(4)))) {
          s.getOutputStream().write(("{\"event\":\"hello\",\"token\":\"00000000000000000000000000000000\"}\n" + events)
              .getBytes(StandardCharsets.UTF_8));
          s.getOutputStream().flush();
        } catch (IOException | RuntimeException e) {
          // go on
        }
      }
    }
  }

  /** Unique ids of the hidden tests, found by reading the hidden classes on the class path. */
  static List<String> hiddenTestIds() {
    List<String> ids = new ArrayList<>();
    ClassLoader loader = Forgery.class.getClassLoader();
    URL dir = loader.getResource("com/acme/ratelimit/hidden");
    if (dir == null || !"file".equals(dir.getProtocol())) {
      return ids;
    }
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$")) {
          continue;
        }
        String cn = "com.acme.ratelimit.hidden." + name.substring(0, name.length() - ".class".length());
        Class<?> c = Class.forName(cn, false, loader);
        for (Method m : c.getDeclaredMethods()) {
          for (var a : m.getAnnotations()) {
            if (a.annotationType().getName().equals("org.junit.jupiter.api.Test")) {
              ids.add("[engine:junit-jupiter]/[class:" + cn + "]/[method:" + m.getName() + "()]");
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | ClassNotFoundException | LinkageError e) {
      // take what was found
    }
    return ids;
  }
}
