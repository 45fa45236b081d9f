package dev.grader.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds and kills the processes a local test JVM started. While the JVM runs, its process tree is watched;
 * at the end the tree is killed, and then, on Linux, every process that still carries the run's marker in
 * its environment: a process that detached from the tree (a double fork, {@code nohup ... &}) keeps it. A
 * process that also cleared its environment escapes this; only the container sandbox contains that.
 */
final class ProcessSweep {

  /** Environment variable marking every process of one test JVM run. */
  static final String MARKER_ENV = "GRADER_RUN_ID";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_LISTED = 3;

  private final Process jvm;
  private final String marker;
  private final Map<Long, String> seen = new LinkedHashMap<>();
  private boolean killed;

  ProcessSweep(Process jvm, String marker) {
    this.jvm = jvm;
    this.marker = marker;
  }

  static String newMarker() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Notes the processes now in the JVM's tree (not the JVM itself). */
  synchronized void watch() {
    jvm.descendants().forEach(this::note);
  }

  private void note(ProcessHandle p) {
    if (!isJvm(p)) {
      seen.computeIfAbsent(p.pid(), pid -> describe(p));
    }
  }

  /** The JVM, or a wrapper in front of it that ran it ({@code prlimit} execs it, so the pid is the same). */
  private boolean isJvm(ProcessHandle p) {
    return p.pid() == jvm.pid() || p.info().arguments().map(a -> List.of(a).contains(
        dev.grader.run.boot.RunnerBoot.class.getName())).orElse(false);
  }

  /** Command lines seen so far, for the report. */
  synchronized List<String> started() {
    return List.copyOf(seen.values());
  }

  /** Kills the JVM's tree, then on Linux every process carrying the marker; idempotent. */
  synchronized void killAll() {
    if (killed) {
      return;
    }
    killed = true;
    List<ProcessHandle> tree = jvm.descendants().toList();
    tree.forEach(this::note);
    tree.forEach(ProcessHandle::destroyForcibly);
    jvm.destroyForcibly();
    try {
      jvm.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int round = 0; round < 3; round++) {
      List<ProcessHandle> marked = marked();
      if (marked.isEmpty()) {
        break;
      }
      for (ProcessHandle p : marked) {
        note(p);
        p.destroyForcibly();
      }
      for (ProcessHandle p : marked) {
        p.onExit().orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> p).join();
      }
    }
  }

  /** Processes whose environment holds the marker (Linux only: read from /proc). */
  private List<ProcessHandle> marked() {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return List.of();
    }
    byte[] needle = ("\0" + MARKER_ENV + "=" + marker + "\0").getBytes(StandardCharsets.US_ASCII);
    long self = ProcessHandle.current().pid();
    List<ProcessHandle> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path entry : entries) {
        long pid;
        try {
          pid = Long.parseLong(entry.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid == self) {
          continue;
        }
        byte[] env;
        try {
          env = Files.readAllBytes(entry.resolve("environ"));
        } catch (IOException | SecurityException e) {
          continue; // gone, or not ours
        }
        if (contains(env, needle)) {
          ProcessHandle.of(pid).ifPresent(found::add);
        }
      }
    } catch (IOException e) {
      return found;
    }
    return found;
  }

  /** Whether {@code env} (NUL-separated) holds {@code needle}; the first variable has no NUL before it. */
  private static boolean contains(byte[] env, byte[] needle) {
    outer:
    for (int i = -1; i <= env.length - needle.length + 1; i++) {
      for (int j = 0; j < needle.length; j++) {
        int k = i + j;
        byte b = k < 0 || k >= env.length ? 0 : env[k];
        if (b != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String describe(ProcessHandle p) {
    ProcessHandle.Info info = p.info();
    String cmd = info.commandLine().orElseGet(() -> info.command().orElse("process " + p.pid()));
    return cmd.length() > 80 ? cmd.substring(0, 77) + "..." : cmd;
  }

  /** "started 2 processes (a; b); they were killed", or null when none was seen. */
  static String note(List<String> commands) {
    if (commands.isEmpty()) {
      return null;
    }
    List<String> shown = commands.subList(0, Math.min(MAX_LISTED, commands.size()));
    return "the code under test started " + commands.size() + " process" + (commands.size() == 1 ? "" : "es") + " ("
        + String.join("; ", shown) + (commands.size() > MAX_LISTED ? "; ..." : "") + "); "
        + (commands.size() == 1 ? "it was" : "they were") + " killed";
  }
}
