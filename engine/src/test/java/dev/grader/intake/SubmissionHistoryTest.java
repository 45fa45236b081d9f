package dev.grader.intake;

import static dev.grader.history.TestRepo.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.exercise.Exercise;
import dev.grader.history.TestRepo;
import dev.grader.model.HistoryEvidence;
import dev.grader.workspace.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history intake reads for each kind of submission, without grading it. */
class SubmissionHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant START = Instant.parse("2026-12-04T23:00:00Z");
    private static final Exercise ADDER = Fixtures.fixtureCatalog().get("adder");

    @TempDir
    Path tmp;

    /**
     * The adder starter and brief as given, then the solution plus a 4-line file 20 minutes later: the solution
     * changes 6 of Adder.java's lines, so 10 own lines, all from the second commit; 20 minutes of a 10-minute budget.
     */
    @Test
    void aBundleIsClonedAndItsHistoryReadAgainstTheStarter() throws Exception {
        Path bundle;
        RevCommit second;
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            FileTrees.copyOver(ADDER.starter(), repo.dir());
            Files.copy(ADDER.brief(), repo.dir().resolve("README.md"));
            repo.commit("starter", T0);
            FileTrees.copyOver(ADDER.solution(), repo.dir());
            repo.write("src/main/java/com/acme/adder/Extra.java", lines("extra", 4));
            second = repo.commit("solution", T0.plus(Duration.ofMinutes(20)));
            bundle = repo.bundle(tmp.resolve("carol.bundle"));
        }
        Submission submission = Submission.of(bundle).orElseThrow();
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path project = submission.open(work).project();

        HistoryEvidence h = SubmissionHistory.read(submission, ADDER, work, project, START);

        assertTrue(h.available(), h.reason());
        assertEquals(2, h.commits());
        assertEquals(1200L, h.longestGap().seconds());
        assertEquals(600L, h.timeBudgetSeconds());
        assertEquals(2.0, h.spanOfBudget());
        assertEquals(10, h.ownLines());
        assertEquals(second.getName().substring(0, 7), h.largestCommit().commit());
        assertEquals(100.0, h.largestCommit().percent());
    }

    @Test
    void aBundleWithoutAProjectIsRejectedButItsHistoryIsRead() throws Exception {
        Path bundle;
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write("notes.txt", lines("note", 2)).commit("notes", T0);
            bundle = repo.bundle(tmp.resolve("eve.bundle"));
        }
        Submission submission = Submission.of(bundle).orElseThrow();
        Path work = Files.createDirectories(tmp.resolve("work"));
        assertThrows(SubmissionException.class, () -> submission.open(work));

        HistoryEvidence h = SubmissionHistory.read(submission, ADDER, work, null, START);
        assertTrue(h.available(), h.reason());
        assertEquals(1, h.commits());
        assertEquals(2, h.ownLines());
    }

    @Test
    void foldersAndArchivesWithoutGitSayThereIsNoHistory() throws Exception {
        Path folder = tmp.resolve("alice");
        FileTrees.copyOver(ADDER.starter(), folder);
        Submission plain = Submission.of(folder).orElseThrow();
        HistoryEvidence none = SubmissionHistory.read(
                plain,
                ADDER,
                Files.createDirectories(tmp.resolve("w1")),
                plain.open(tmp.resolve("w1")).project(),
                START);
        assertFalse(none.available());
        assertEquals("a folder without git history", none.reason());

        Path zip = tmp.resolve("bob.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("bob/pom.xml"));
            out.write(Files.readAllBytes(ADDER.starter().resolve("pom.xml")));
            out.closeEntry();
        }
        Submission archive = Submission.of(zip).orElseThrow();
        Path work = Files.createDirectories(tmp.resolve("w2"));
        HistoryEvidence fromZip =
                SubmissionHistory.read(archive, ADDER, work, archive.open(work).project(), START);
        assertFalse(fromZip.available());
        assertEquals("an archive without git history", fromZip.reason());
    }

    @Test
    void aWorkTreeFolderIsReadWhereItIs() throws Exception {
        Path folder = tmp.resolve("dave");
        try (TestRepo repo = TestRepo.init(folder)) {
            FileTrees.copyOver(ADDER.starter(), folder);
            repo.commit("starter", T0);
        }
        Submission submission = Submission.of(folder).orElseThrow();
        Path work = Files.createDirectories(tmp.resolve("work"));
        HistoryEvidence h = SubmissionHistory.read(
                submission, ADDER, work, submission.open(work).project(), START);
        assertTrue(h.available(), h.reason());
        assertEquals(1, h.commits());
        assertEquals(0, h.ownLines(), "the starter as given is none of the candidate's lines");
        assertEquals(null, h.largestCommit());
    }
}
