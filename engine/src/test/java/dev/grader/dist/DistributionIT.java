package dev.grader.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The released grader, as an author gets it: the archive `mvn package` made is unpacked in a temporary folder, and its
 * bin/grader writes two new exercises (one plain, one with postgres and wiremock) into a folder outside the repository
 * and validates them. Run by failsafe in `mvn verify`, after `package`.
 */
@TestTiers.Grades
class DistributionIT {

  @TempDir Path tmp;

  @Test
  void newExercisesValidateThroughTheReleasedArchive() throws Exception {
    Path zip = Path.of(System.getProperty("grader.dist", "engine/target/grader-dist.zip"));
    assertTrue(Files.isRegularFile(zip), zip + ": no distribution archive; run `mvn package` first");
    Path home = unzip(zip, tmp.resolve("unpacked"));
    Path grader = home.resolve("bin/grader");
    assertTrue(grader.toFile().setExecutable(true), "bin/grader could not be made executable");
    Path exercises = Files.createDirectories(tmp.resolve("private-exercises"));
    assertTrue(!exercises.startsWith(Fixtures.repository()), "the exercises must lie outside the repository");

    assertEquals(0, run(grader, exercises, "new", "plain-words", "--dir", exercises.toString()).code);
    assertEquals(0, run(grader, exercises, "new", "service-words", "--services", "postgres,wiremock", "--dir",
        exercises.toString()).code);
    Result list = run(grader, tmp, "list", "--exercises", exercises.toString());
    assertTrue(list.out.contains("plain-words") && list.out.contains("service-words"), list.out);

    Result validate = run(grader, tmp, "validate", "plain-words", "service-words", "--exercises",
        exercises.toString(), "--repeat", "1", "--jobs", "1", "--no-color", "--cache", Fixtures.cache().toString());
    assertEquals(0, validate.code, validate.out);
    assertTrue(validate.out.contains("Validation passed."), validate.out);
    assertEquals(2, validate.out.lines().filter(l -> l.contains("every hidden test fails on at least one mutant"))
        .count(), validate.out);
  }

  private record Result(int code, String out) {}

  /** Runs bin/grader in {@code workDir} with only a JDK: no grader.home or repository on its way. */
  private static Result run(Path grader, Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(grader.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().remove("GRADER_EXERCISES");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), "bin/grader " + String.join(" ", args) + " did not end");
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Unpacks the archive and returns its one top folder. */
  private static Path unzip(Path zip, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        Path out = target.resolve(e.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("entry outside the archive's folder: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(z, out);
        }
      }
    }
    try (var top = Files.list(target)) {
      List<Path> dirs = top.toList();
      assertEquals(1, dirs.size(), "one top folder in the archive: " + dirs);
      return dirs.get(0);
    }
  }
}
