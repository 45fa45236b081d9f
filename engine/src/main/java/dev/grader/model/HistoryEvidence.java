package dev.grader.model;

import java.util.List;

/**
 * How the submission was built, read from its git history (a git bundle, a bare repository, or a folder or archive
 * holding {@code .git}): facts about its commits, never a judgement. Times are the committer's, as ISO-8601 instants.
 * When there is no history to read, {@code available} is false, {@code reason} says why, and the rest is empty.
 *
 * @param head the short id of the commit that was graded
 * @param spanSeconds seconds from the first commit to the last
 * @param longestGap the longest time between two consecutive commits (in time order); null with fewer than two
 * @param timeBudgetSeconds the exercise's time budget ({@code time_budget}); null when unknown
 * @param spanOfBudget {@code spanSeconds / timeBudgetSeconds}, two decimals; null when the budget is unknown
 * @param ownLines the non-blank lines of the final code that are not the starter's (what the candidate was given);
 *     null when counting them ran past its time limit
 * @param largestCommit the commit from which most of {@code ownLines} arrived; null when there are none
 * @param outOfOrder commits whose committer date is earlier than a parent's
 * @param inFuture commits whose committer date is later than the grade's start
 */
public record HistoryEvidence(
        boolean available,
        String reason,
        String head,
        int commits,
        String firstCommitAt,
        String lastCommitAt,
        Long spanSeconds,
        Gap longestGap,
        Long timeBudgetSeconds,
        Double spanOfBudget,
        Integer ownLines,
        CommitShare largestCommit,
        List<DatedCommit> outOfOrder,
        List<DatedCommit> inFuture) {

    public HistoryEvidence {
        outOfOrder = outOfOrder == null ? List.of() : List.copyOf(outOfOrder);
        inFuture = inFuture == null ? List.of() : List.copyOf(inFuture);
        if (!available && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("history that is not available says why");
        }
    }

    /** No history to read, and why ("a folder without git history"). */
    public static HistoryEvidence unavailable(String reason) {
        return new HistoryEvidence(
                false, reason, null, 0, null, null, null, null, null, null, null, null, List.of(), List.of());
    }

    /** The time between two consecutive commits: {@code after} was the last commit before it, {@code before} the next. */
    public record Gap(long seconds, String after, String before) {}

    /**
     * The share of the final code (its {@code ownLines}) that arrived in one commit.
     *
     * @param percent {@code 100 * lines / ownLines}, two decimals
     */
    public record CommitShare(String commit, String subject, int lines, double percent) {}

    /**
     * A commit named for its date.
     *
     * @param subject the first line of its message, at most 80 characters
     * @param parent the parent with the later date (out of order only; else null)
     * @param parentCommittedAt that parent's committer date (out of order only; else null)
     */
    public record DatedCommit(
            String commit, String subject, String committedAt, String parent, String parentCommittedAt) {}
}
