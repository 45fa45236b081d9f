package dev.grader.history;

import static dev.grader.history.TestRepo.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.model.HistoryEvidence;
import dev.grader.model.HistoryEvidence.DatedCommit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant FUTURE = Instant.parse("2099-01-01T00:00:00Z");
    private static final Instant GRADE_START = Instant.parse("2026-12-04T23:00:00Z");

    @TempDir
    Path tmp;

    /**
     * Five commits: the starter as given; 15 own lines an hour later; a 30-line commit at +5h; 2 lines dated +2h
     * (before its parent); 3 lines dated 2099. Read from a bundle cloned with JGit, every number is checked.
     */
    @Test
    void readsEveryNumberOfABundledHistory() throws Exception {
        Path starter = tmp.resolve("starter");
        Files.createDirectories(starter.resolve("src/main/java"));
        Files.writeString(starter.resolve("pom.xml"), "<project>\n</project>\n");
        Files.writeString(starter.resolve("src/main/java/App.java"), "class App {\n}\n");
        RevCommit c1;
        RevCommit c3;
        RevCommit c4;
        RevCommit c5;
        Path bundle = tmp.resolve("alice.bundle");
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            c1 = repo.write("pom.xml", "<project>\n</project>\n")
                    .write("src/main/java/App.java", "class App {\n}\n")
                    .commit("starter as given", T0);
            repo.write("src/main/java/App.java", "class App {\n" + lines("  int a", 10) + "}\n")
                    .write("src/main/java/Util.java", lines("util", 5))
                    .write("target/classes/out.txt", lines("build output", 7))
                    .commit("feature", T0.plus(Duration.ofHours(1)));
            repo.write("src/main/java/Big.java", lines("big", 30) + "\n\n   \n");
            Files.write(
                    repo.dir().resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, '\n', 'x', '\n'});
            c3 = repo.commit("everything at once", T0.plus(Duration.ofHours(5)));
            c4 = repo.write("src/main/java/Util.java", lines("util", 5) + lines("more", 2))
                    .commit("dated before its parent\nsecond line", T0.plus(Duration.ofHours(2)));
            c5 = repo.write("src/main/java/Future.java", lines("f", 3)).commit("from the future", FUTURE);
            repo.bundle(bundle);
        }
        Path clone = tmp.resolve("clone");
        Git.cloneRepository()
                .setURI(bundle.toUri().toString())
                .setDirectory(clone.toFile())
                .call()
                .close();

        HistoryEvidence h = GitHistory.read(
                clone,
                clone,
                Map.of(
                        "pom.xml",
                        starter.resolve("pom.xml"),
                        "src/main/java/App.java",
                        starter.resolve("src/main/java/App.java")),
                Duration.ofHours(4),
                GRADE_START);

        assertTrue(h.available(), h.reason());
        assertNull(h.reason());
        assertEquals(5, h.commits());
        assertEquals(shortId(c5), h.head());
        assertEquals("2026-12-01T10:00:00Z", h.firstCommitAt());
        assertEquals("2099-01-01T00:00:00Z", h.lastCommitAt());
        long span = Duration.between(T0, FUTURE).getSeconds();
        assertEquals(span, h.spanSeconds());
        assertEquals(
                Duration.between(T0.plus(Duration.ofHours(5)), FUTURE).getSeconds(),
                h.longestGap().seconds());
        assertEquals(shortId(c3), h.longestGap().after());
        assertEquals(shortId(c5), h.longestGap().before());
        assertEquals(14_400L, h.timeBudgetSeconds());
        assertEquals(Math.round(span / 14_400.0 * 100) / 100.0, h.spanOfBudget());
        // 10 (App.java, less the starter's 2 lines) + 5 + 30 (blank lines and the binary left out) + 2 + 3; not target/
        assertEquals(50, h.ownLines());
        assertEquals(shortId(c3), h.largestCommit().commit());
        assertEquals("everything at once", h.largestCommit().subject());
        assertEquals(30, h.largestCommit().lines());
        assertEquals(60.0, h.largestCommit().percent());
        assertEquals(
                List.of(new DatedCommit(
                        shortId(c4),
                        "dated before its parent",
                        "2026-12-01T12:00:00Z",
                        shortId(c3),
                        "2026-12-01T15:00:00Z")),
                h.outOfOrder());
        assertEquals(
                List.of(new DatedCommit(shortId(c5), "from the future", "2099-01-01T00:00:00Z", null, null)),
                h.inFuture());
        assertFalse(h.outOfOrder().stream().anyMatch(d -> d.commit().equals(shortId(c1))));
    }

    @Test
    void theStartersOwnLinesDoNotCountAndAHistoryInsideAFolderCountsOnlyThatFolder() throws Exception {
        Path starter = tmp.resolve("starter");
        Files.createDirectories(starter);
        Files.writeString(starter.resolve("A.java"), lines("given", 4));
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write("notes.txt", lines("outside the project", 9))
                    .write("alice/A.java", lines("given", 4))
                    .commit("given", T0);
            RevCommit mine = repo.write(
                            "alice/A.java",
                            lines("given", 2)
                                    + lines("mine", 3)
                                    + lines("given", 4).substring(16))
                    .commit("mine", T0.plus(Duration.ofMinutes(30)));
            HistoryEvidence h = GitHistory.read(
                    repo.dir(),
                    repo.dir().resolve("alice"),
                    Map.of("A.java", starter.resolve("A.java")),
                    null,
                    GRADE_START);
            assertEquals(2, h.commits());
            assertEquals(3, h.ownLines());
            assertEquals(shortId(mine), h.largestCommit().commit());
            assertEquals(100.0, h.largestCommit().percent());
            assertEquals(1800L, h.longestGap().seconds());
            assertNull(h.timeBudgetSeconds());
            assertNull(h.spanOfBudget());
            assertEquals(List.of(), h.outOfOrder());
            assertEquals(List.of(), h.inFuture());
        }
    }

    @Test
    void aLineCountPastItsTimeLimitGivesNoCountButTheDatesStand() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write("A.java", lines("a", 2)).commit("first", T0);
            repo.write("B.java", lines("b", 2)).commit("second", T0.plus(Duration.ofHours(1)));
            HistoryEvidence h = GitHistory.read(repo.dir(), repo.dir(), Map.of(), null, GRADE_START, Duration.ZERO);
            assertTrue(h.available(), h.reason());
            assertEquals(2, h.commits());
            assertEquals(3600L, h.longestGap().seconds());
            assertNull(h.ownLines());
            assertNull(h.largestCommit());
        }
    }

    @Test
    void oneCommitHasNoGapAndARepositoryWithoutCommitsSaysSo() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("empty"))) {
            HistoryEvidence none = GitHistory.read(repo.dir(), repo.dir(), Map.of(), Duration.ofHours(1), GRADE_START);
            assertFalse(none.available());
            assertEquals("a git repository without commits", none.reason());
            assertEquals(0, none.commits());

            repo.write("A.java", lines("a", 2)).commit("only", T0);
            HistoryEvidence one = GitHistory.read(repo.dir(), repo.dir(), Map.of(), Duration.ofHours(1), GRADE_START);
            assertEquals(1, one.commits());
            assertNull(one.longestGap());
            assertEquals(0L, one.spanSeconds());
            assertEquals(0.0, one.spanOfBudget());
            assertEquals(2, one.ownLines());
        }
    }

    @Test
    void aBrokenRepositorySaysItCouldNotBeReadWithoutNamingTheGradersFolders() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken.resolve(".git/objects"));
        Files.createDirectories(broken.resolve(".git/refs/heads"));
        Files.writeString(broken.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(broken.resolve(".git/refs/heads/main"), "1111111111111111111111111111111111111111\n");
        HistoryEvidence h = GitHistory.read(broken, broken, Map.of(), null, GRADE_START);
        assertFalse(h.available());
        assertTrue(h.reason().startsWith("the git history could not be read: "), h.reason());
        assertFalse(h.reason().contains(tmp.toString()), h.reason());
    }

    @Test
    void aFolderWithoutGitIsNoWorkTree() throws Exception {
        Files.createDirectories(tmp.resolve("plain/src"));
        assertFalse(GitHistory.isWorkTree(tmp.resolve("plain")));
        Files.writeString(tmp.resolve("plain/.git"), "gitdir: /somewhere/else\n");
        assertFalse(GitHistory.isWorkTree(tmp.resolve("plain")), "a .git file pointing elsewhere is not followed");
    }

    private static String shortId(RevCommit c) {
        return c.getName().substring(0, 7);
    }
}
