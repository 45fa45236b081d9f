package dev.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.ParsedPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leaderboards' similar pairs when a batch of copies makes thousands: the tables stay readable. */
class LeaderboardSimilarityTest {

    private static Leaderboard board(int pairs) {
        List<Leaderboard.Similar> similar = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            similar.add(new Leaderboard.Similar(
                    "s" + i, "t" + i, "submission", 99.0 - i * 0.1, List.of("A.java:1-9 ↔ A.java:1-9")));
        }
        return new Leaderboard(
                "rate-limiter", 1, "Rate limiter", List.of(), List.of(), "2026-12-05T00:00:00Z", similar);
    }

    @Test
    void tablesShowTheMostSimilarPairsAndSayHowManyMore() {
        Leaderboard board = board(LeaderboardSimilarity.MAX_TABLE_ROWS + 5);
        String md = LeaderboardSimilarity.markdown(board);
        assertEquals(
                LeaderboardSimilarity.MAX_TABLE_ROWS,
                md.lines().filter(l -> l.startsWith("| s")).count());
        assertTrue(md.contains("5 less similar pairs are not shown here"), md);
        StringBuilder html = new StringBuilder();
        LeaderboardSimilarity.html(html, board);
        ParsedPage page = ParsedPage.parse(html.toString());
        assertEquals(
                LeaderboardSimilarity.MAX_TABLE_ROWS,
                page.all("#similarity tbody tr").size());
        assertTrue(page.text("#similarity p.muted").startsWith("5 less similar pairs are not shown here"));
    }

    @Test
    void noNoteWhenEveryPairFits() {
        String md = LeaderboardSimilarity.markdown(board(3));
        assertEquals(3, md.lines().filter(l -> l.startsWith("| s")).count());
        assertTrue(!md.contains("not shown here"), md);
    }
}
