package dev.grader.intake;

import dev.grader.TestTiers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.cli.Main;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.report.JsonReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The archives of corpus/hostile/archives, graded as a user would: rejected, with the attack named. */
@TestTiers.Grades
class HostileArchivesTest {

  @ParameterizedTest
  @CsvSource({
      "zip-slip.zip, points outside the archive's folder (zip slip)",
      "zip-bomb.zip, refused as a possible archive bomb"})
  void hostileArchivesAreRejectedWithTheAttackNamed(String archive, String phrase, @TempDir Path tmp) throws Exception {
    Path file = Fixtures.repository().resolve("corpus/hostile/archives").resolve(archive);
    assertTrue(Files.isRegularFile(file), file + " is in the repository");
    Path escaped = Path.of("/tmp/grader-zip-slip-was-here.txt");
    Files.deleteIfExists(escaped);
    Path json = tmp.resolve("report.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "grade", "--exercise", "adder",
        file.toString(), "--json", json.toString(), "--no-color",
        "--exercises", Fixtures.root().resolve("exercises").toString(), "--cache", Fixtures.cache().toString());
    assertEquals(3, code, out + "\n" + err);
    GradeReport r = JsonReport.read(json);
    assertEquals(GradeStatus.REJECTED, r.status());
    assertEquals(0.0, r.score());
    assertTrue(r.statusMessage().contains(phrase), r.statusMessage());
    assertTrue(out.toString().contains("Rejected: " + archive), out.toString());
    assertFalse(Files.exists(escaped), "nothing was written outside the unpacking folder");
  }
}
