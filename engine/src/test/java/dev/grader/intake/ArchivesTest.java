package dev.grader.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.model.Flag;
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

    @TempDir
    Path dir;

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
        Path z = zip(
                "alice.zip",
                "alice/pom.xml",
                "<project/>",
                "alice/src/main/java/A.java",
                "class A {}",
                "__MACOSX/._pom.xml",
                "junk");
        Path root = new Submission("alice", z, Submission.Kind.ARCHIVE).materialise(dir.resolve("work"));
        assertEquals("alice", root.getFileName().toString());
        assertEquals("class A {}", Files.readString(root.resolve("src/main/java/A.java")));
    }

    @Test
    void zipSlipIsRefusedAndNothingIsWrittenOutside() throws IOException {
        Path z = zip("slip.zip", "ok.txt", "fine", "../../escaped.txt", "gotcha");
        SubmissionException e = assertThrows(
                SubmissionException.class, () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
        assertTrue(e.getMessage().contains("zip slip"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertFalse(Files.exists(dir.getParent().resolve("escaped.txt")));
    }

    @Test
    void absolutePathsAreRefused() throws IOException {
        Path z = zip("abs.zip", "/etc/grader-test", "x");
        SubmissionException e = assertThrows(
                SubmissionException.class, () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
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
        SubmissionException e = assertThrows(
                SubmissionException.class, () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
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
        SubmissionException e = assertThrows(
                SubmissionException.class,
                () -> Archives.extract(z, dir.resolve("out"), new Archives.Limits(1 << 20, 10)));
        assertTrue(e.getMessage().contains("more than 10 entries"), e.getMessage());
    }

    @Test
    void tarLinksAreNeverCreated() throws Exception {
        Path t = dir.resolve("bob.tar.gz");
        try (TarArchiveOutputStream out =
                new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(t)))) {
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
        SubmissionException e = assertThrows(
                SubmissionException.class, () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
        assertTrue(e.getMessage().startsWith("fake.zip: "), e.getMessage());
    }

    @Test
    void droppedEntriesBecomeInfoFlagsNamingWhatTheyAre() throws Exception {
        Path t = dir.resolve("carol.tar.gz");
        try (TarArchiveOutputStream out =
                new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(t)))) {
            byte[] pom = "<project/>".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("carol/pom.xml");
            file.setSize(pom.length);
            out.putArchiveEntry(file);
            out.write(pom);
            out.closeArchiveEntry();
            TarArchiveEntry hard = new TarArchiveEntry("carol/src/Copy.java", TarArchiveEntry.LF_LINK);
            hard.setLinkName("/etc/shadow");
            TarArchiveEntry symlink = new TarArchiveEntry("carol/secrets", TarArchiveEntry.LF_SYMLINK);
            symlink.setLinkName("/etc/passwd");
            TarArchiveEntry device = new TarArchiveEntry("carol/disk", TarArchiveEntry.LF_BLK);
            TarArchiveEntry fifo = new TarArchiveEntry("carol/pipe", TarArchiveEntry.LF_FIFO);
            for (TarArchiveEntry e : new TarArchiveEntry[] {hard, symlink, device, fifo}) {
                out.putArchiveEntry(e);
                out.closeArchiveEntry();
            }
        }
        Submission.Materialised m = new Submission("carol", t, Submission.Kind.ARCHIVE).open(dir.resolve("work"));
        assertTrue(Files.exists(m.project().resolve("pom.xml")));
        for (String name : new String[] {"src/Copy.java", "secrets", "disk", "pipe"}) {
            assertFalse(Files.exists(m.project().resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS), name);
        }
        assertEquals(4, m.flags().size(), m.flags().toString());
        m.flags().forEach(f -> {
            assertEquals("archive-entry-dropped", f.kind());
            assertEquals(Flag.INFO, f.severity());
        });
        String all = m.flags().toString();
        for (String phrase : new String[] {
            "'carol/src/Copy.java' is a hard link to '/etc/shadow'",
            "'carol/secrets' is a symbolic link to '/etc/passwd'",
            "'carol/disk' is a device file",
            "'carol/pipe' is a FIFO"
        }) {
            assertTrue(all.contains(phrase), phrase + " in " + all);
        }
    }

    @Test
    void manyDroppedEntriesAreCountedAfterTwenty() {
        java.util.List<Archives.Dropped> dropped = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            dropped.add(new Archives.Dropped("l" + i, "a symbolic link"));
        }
        var flags = Submission.droppedFlags(dropped);
        assertEquals(21, flags.size());
        assertTrue(
                flags.get(20).message().startsWith("5 more archive entries"),
                flags.get(20).message());
    }

    @Test
    void deepNestingIsRefusedWithAShortMessageThatNamesTheLimitAndNoGraderPath() throws IOException {
        Path z = zip("deep.zip", "a/".repeat(3000) + "x.txt", "deep");
        SubmissionException e = assertThrows(
                SubmissionException.class, () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
        String m = e.getMessage();
        assertTrue(m.startsWith("deep.zip: entry 'a/a/a/"), m);
        assertTrue(m.contains("is nested 3000 folders deep; the limit is " + Archives.MAX_DEPTH), m);
        assertTrue(m.length() <= Archives.MAX_MESSAGE, m.length() + " characters");
        assertFalse(m.contains(dir.toString()), m);
    }

    @Test
    void anEntryTheFileSystemRefusesIsNamedWithoutTheGradersFolder() throws IOException {
        String longName = "n".repeat(300) + ".java"; // longer than a file name may be
        Path z = zip("long.zip", "p/pom.xml", "<project/>", "p/src/" + longName, "class X {}");
        SubmissionException e = assertThrows(
                SubmissionException.class, () -> Archives.extract(z, dir.resolve("out"), Archives.Limits.DEFAULT));
        String m = e.getMessage();
        assertTrue(m.startsWith("long.zip: cannot be unpacked as a zip archive ("), m);
        assertTrue(m.contains("at entry 'p/src/nnn"), m);
        assertTrue(m.length() <= Archives.MAX_MESSAGE, m.length() + " characters");
        assertFalse(m.contains(dir.toString()), m);
    }
}
