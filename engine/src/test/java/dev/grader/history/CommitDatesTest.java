package dev.grader.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grader.model.HistoryEvidence.DatedCommit;
import dev.grader.model.HistoryEvidence.Gap;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitDatesTest {

    private static Commit commit(String id, String at, String... parents) {
        return new Commit(id, id, "commit " + id, Instant.parse(at), List.of(parents));
    }

    @Test
    void theLongestGapIsBetweenConsecutiveCommitsInTimeOrder() {
        CommitDates dates = new CommitDates(List.of(
                commit("d", "2026-12-01T12:00:00Z", "c"),
                commit("c", "2026-12-01T15:00:00Z", "b"),
                commit("b", "2026-12-01T11:00:00Z", "a"),
                commit("a", "2026-12-01T10:00:00Z")));
        assertEquals(new Gap(3 * 3600, "d", "c"), dates.longestGap());
        assertEquals(5 * 3600, dates.spanSeconds());
        assertEquals(
                List.of(new DatedCommit("d", "commit d", "2026-12-01T12:00:00Z", "c", "2026-12-01T15:00:00Z")),
                dates.outOfOrder());
        assertEquals(
                List.of(new DatedCommit("c", "commit c", "2026-12-01T15:00:00Z", null, null)),
                dates.after(Instant.parse("2026-12-01T14:00:00Z")));
    }

    @Test
    void aMergeNamesItsLatestParentThatIsLater() {
        CommitDates dates = new CommitDates(List.of(
                commit("m", "2026-12-01T11:00:00Z", "a", "b"),
                commit("a", "2026-12-01T12:00:00Z"),
                commit("b", "2026-12-01T13:00:00Z")));
        assertEquals(
                List.of(new DatedCommit("m", "commit m", "2026-12-01T11:00:00Z", "b", "2026-12-01T13:00:00Z")),
                dates.outOfOrder());
    }

    @Test
    void subjectsAreTheFirstLineCutAndPrintable() {
        assertEquals("fix", Commit.subject("  fix\n\nbody"));
        assertEquals("a?b", Commit.subject("a\u001bb"));
        assertEquals(Commit.MAX_SUBJECT, Commit.subject("x".repeat(200)).length());
    }
}
