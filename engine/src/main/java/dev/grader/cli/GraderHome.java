package dev.grader.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the grader finds its exercises and keeps its cache. */
final class GraderHome {

  private GraderHome() {}

  /** --exercises, else $GRADER_EXERCISES, else the repository the grader was built in, else ./exercises. */
  static Path exercises(Path option) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
    }
    String env = System.getenv("GRADER_EXERCISES");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    Path home = home();
    if (home != null && Files.isDirectory(home.resolve("exercises"))) {
      return home.resolve("exercises");
    }
    return Path.of("exercises").toAbsolutePath().normalize();
  }

  /** The repository root: -Dgrader.home (set by the launcher), else two folders above the jar. */
  static Path home() {
    String prop = System.getProperty("grader.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    try {
      Path code = Path.of(GraderHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = code.getParent() == null ? null : code.getParent().getParent();
      return candidate == null ? null : candidate.getParent();
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }

  /** --cache, else $GRADER_CACHE, else ~/.cache/grader. */
  static Path cache(Path option) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
    }
    String env = System.getenv("GRADER_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "grader");
  }
}
