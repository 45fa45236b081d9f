package com.acme.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Hostile corpus: reads the hidden tests. Their compiled classes are on the class path of the test JVM (in the
 * default sandbox and in the container alike), so the class loader hands them out; their sources are looked for
 * in the folders above the working folder. What it finds it prints: a submission could use it to fit its answers
 * to the tests, which is why the review flags code that reads resources of other packages.
 */
final class Snoop {

  private static final AtomicBoolean DONE = new AtomicBoolean();

  private Snoop() {}

  static void once() {
    if (!DONE.compareAndSet(false, true)) {
      return;
    }
    long classBytes = 0;
    int classes = 0;
    ClassLoader loader = Snoop.class.getClassLoader();
    URL dir = loader.getResource("com/acme/ratelimit/hidden");
    if (dir != null && "file".equals(dir.getProtocol())) {
      try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
        for (Path f : files.toList()) {
          try (InputStream in = loader.getResourceAsStream("com/acme/ratelimit/hidden/" + f.getFileName())) {
            if (in != null) {
              classBytes += in.readAllBytes().length;
              classes++;
            }
          }
        }
      } catch (IOException | URISyntaxException e) {
        // take what was read
      }
    }
    int sources = 0;
    Path up = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (int level = 0; level < 3 && up.getParent() != null; level++) {
      up = up.getParent();
      try (Stream<Path> walk = Files.walk(up, 6)) {
        sources += (int) walk.filter(p -> p.toString().contains("hidden") && p.toString().endsWith(".java")
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).count();
      } catch (IOException | UncheckedIOException e) {
        // unreadable: go on
      }
    }
    System.out.println("snoop: read " + classes + " hidden class files (" + classBytes + " bytes); found " + sources
        + " hidden source files; " + List.of(up));
  }
}
