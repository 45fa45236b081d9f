package dev.grader.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.cli.Main;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.report.JsonReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The archives of corpus/hostile/archives, graded as a user would: rejected, with the attack named. */
@TestTiers.Grades
class HostileArchivesTest {

    @ParameterizedTest
    @CsvSource({
        "zip-slip.zip, points outside the archive's folder (zip slip)",
        "zip-bomb.zip, refused as a possible archive bomb"
    })
    void hostileArchivesAreRejectedWithTheAttackNamed(String archive, String phrase, @TempDir Path tmp)
            throws Exception {
        Path file = Fixtures.repository().resolve("corpus/hostile/archives").resolve(archive);
        assertTrue(Files.isRegularFile(file), file + " is in the repository");
        Path escaped = Path.of("/tmp/grader-zip-slip-was-here.txt");
        Files.deleteIfExists(escaped);
        Path json = tmp.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "grade",
                "--exercise",
                "adder",
                file.toString(),
                "--json",
                json.toString(),
                "--no-color",
                "--exercises",
                Fixtures.root().resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString());
        assertEquals(3, code, out + "\n" + err);
        GradeReport r = JsonReport.read(json);
        assertEquals(GradeStatus.REJECTED, r.status());
        assertEquals(0.0, r.score());
        assertTrue(r.statusMessage().contains(phrase), r.statusMessage());
        assertTrue(out.toString().contains("Rejected: " + archive), out.toString());
        assertFalse(Files.exists(escaped), "nothing was written outside the unpacking folder");
    }

    @org.junit.jupiter.api.Test
    void linksDevicesAndFifosInAnArchiveAreReportedAsInfoFlagsAndTheRestIsGraded(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("project");
        dev.grader.workspace.FileTrees.copyOver(Fixtures.root().resolve("exercises/adder/starter"), project);
        dev.grader.workspace.FileTrees.copyOver(Fixtures.root().resolve("exercises/adder/solution"), project);
        Path archive = tmp.resolve("dave.tar.gz");
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                        new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(
                                Files.newOutputStream(archive)));
                var files = Files.walk(project)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("dave/" + project.relativize(f));
                byte[] bytes = Files.readAllBytes(f);
                e.setSize(bytes.length);
                out.putArchiveEntry(e);
                out.write(bytes);
                out.closeArchiveEntry();
            }
            var hard = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
                    "dave/notes.txt", org.apache.commons.compress.archivers.tar.TarArchiveEntry.LF_LINK);
            hard.setLinkName("dave/pom.xml");
            var fifo = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
                    "dave/pipe", org.apache.commons.compress.archivers.tar.TarArchiveEntry.LF_FIFO);
            for (var e : java.util.List.of(hard, fifo)) {
                out.putArchiveEntry(e);
                out.closeArchiveEntry();
            }
        }
        Path json = tmp.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "grade",
                "--exercise",
                "adder",
                archive.toString(),
                "--json",
                json.toString(),
                "--no-color",
                "--exercises",
                Fixtures.root().resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString());
        GradeReport r = JsonReport.read(json);
        assertEquals(GradeStatus.GRADED, r.status(), out + "\n" + err);
        assertTrue(r.fullMarks(), out.toString());
        assertEquals(0, code, out + "\n" + err);
        var dropped = r.flags().stream()
                .filter(f -> f.kind().equals("archive-entry-dropped"))
                .toList();
        assertEquals(2, dropped.size(), r.flags().toString());
        assertTrue(
                dropped.get(0).message().contains("'dave/notes.txt' is a hard link to 'dave/pom.xml'"),
                dropped.toString());
        assertTrue(dropped.get(1).message().contains("'dave/pipe' is a FIFO"), dropped.toString());
    }

    @org.junit.jupiter.api.Test
    void aDeeplyNestedArchiveIsRejectedWithTheLimitAndNoGraderPath(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("deep.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(archive))) {
            out.putNextEntry(new java.util.zip.ZipEntry("d/".repeat(3000) + "pom.xml"));
            out.write("<project/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path json = tmp.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "grade",
                "--exercise",
                "adder",
                archive.toString(),
                "--json",
                json.toString(),
                "--no-color",
                "--exercises",
                Fixtures.root().resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString());
        assertEquals(3, code, out + "\n" + err);
        GradeReport r = JsonReport.read(json);
        assertEquals(GradeStatus.REJECTED, r.status());
        assertTrue(r.statusMessage().contains("nested 3000 folders deep; the limit is 64"), r.statusMessage());
        assertTrue(r.statusMessage().length() <= 400, r.statusMessage().length() + " characters");
        assertFalse(out.toString().contains(System.getProperty("java.io.tmpdir") + "/grader-"), out.toString());
    }
}
