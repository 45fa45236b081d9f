package dev.grader.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {

  @TempDir Path dir;

  private Path zip(String name, String... entriesAndContents) throws IOException {
    Path z = dir.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
      for (int i = 0; i < entriesAndContents.length; i += 2) {
        out.putNextEntry(new ZipEntry(entriesAndContents[i]));
        out.write(entriesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return z;
  }

  @Test
  void unpacksAProjectAndFindsItUnderItsWrappingFolder() throws Exception {
    Path z = zip("alice.zip", "alice/pom.xml", "<project/>", "alice/src/main/java/A.java", "class A {}",
        "__MACOSX/._pom.xml", "junk");
    Path root = new Submission("alice", z, Submission.Kind.ARCHIVE).materialise(dir.resolve("work"));
    assertEquals("alice", root.getFileName().toString());
    assertEquals("class A {}", Files.readString(root.resolve("src/main/java/A.java")));
  }

  @Test
  void zipSlipIsRefusedAndNothingIsWrittenOutside() throws IOException {
    Path z = zip("slip.zip", "ok.txt", "fine", "../../escaped.txt", "gotcha");
    SubmissionException e = assertThrows(SubmissionException.class,
        () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
    assertTrue(e.getMessage().contains("zip slip"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("escaped.txt")));
    assertFalse(Files.exists(dir.getParent().resolve("escaped.txt")));
  }

  @Test
  void absolutePathsAreRefused() throws IOException {
    Path z = zip("abs.zip", "/etc/grader-test", "x");
    SubmissionException e = assertThrows(SubmissionException.class,
        () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
  }

  @Test
  void aZipBombStopsAtTheByteCapWhateverItsHeadersSay() throws IOException {
    Path z = dir.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
      out.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] mib = new byte[1 << 20];
      for (int i = 0; i < 300; i++) {
        out.write(mib);
      }
      out.closeEntry();
    }
    assertTrue(Files.size(z) < 2_000_000, "300 MiB of zeros packs small: " + Files.size(z));
    SubmissionException e = assertThrows(SubmissionException.class,
        () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
    assertTrue(e.getMessage().contains("archive bomb"), e.getMessage());
  }

  @Test
  void tooManyEntriesAreRefused() throws IOException {
    String[] many = new String[2 * 50];
    for (int i = 0; i < 50; i++) {
      many[2 * i] = "f" + i;
      many[2 * i + 1] = "x";
    }
    Path z = zip("many.zip", many);
    SubmissionException e = assertThrows(SubmissionException.class,
        () -> Archives.extract(z, dir.resolve("out"), new Archives.Limits(1 << 20, 10)));
    assertTrue(e.getMessage().contains("more than 10 entries"), e.getMessage());
  }

  @Test
  void tarLinksAreNeverCreated() throws Exception {
    Path t = dir.resolve("bob.tar.gz");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(t)))) {
      TarArchiveEntry link = new TarArchiveEntry("bob/secrets", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/etc/passwd");
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
      byte[] pom = "<project/>".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry file = new TarArchiveEntry("bob/pom.xml");
      file.setSize(pom.length);
      out.putArchiveEntry(file);
      out.write(pom);
      out.closeArchiveEntry();
    }
    Path root = new Submission("bob", t, Submission.Kind.ARCHIVE).materialise(dir.resolve("work"));
    assertTrue(Files.exists(root.resolve("pom.xml")));
    assertFalse(Files.exists(root.resolve("secrets"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void notAnArchiveGivesAClearError() throws IOException {
    Path z = dir.resolve("fake.zip");
    try (OutputStream out = Files.newOutputStream(z)) {
      out.write("this is not a zip".getBytes(StandardCharsets.UTF_8));
    }
    SubmissionException e = assertThrows(SubmissionException.class,
        () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
    assertTrue(e.getMessage().startsWith("fake.zip: "), e.getMessage());
  }
}
