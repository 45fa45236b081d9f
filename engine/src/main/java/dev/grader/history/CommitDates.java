package dev.grader.history;

import dev.grader.model.HistoryEvidence.DatedCommit;
import dev.grader.model.HistoryEvidence.Gap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of a history's dates: first and last commit, the span between them, the longest gap between two
 * consecutive commits (in time order), commits dated before a parent, and commits dated after the grade began.
 */
final class CommitDates {

    private final List<Commit> byTime;
    private final Map<String, Commit> byId = new HashMap<>();

    CommitDates(List<Commit> commits) {
        if (commits.isEmpty()) {
            throw new IllegalArgumentException("a history has at least one commit");
        }
        this.byTime = commits.stream()
                .sorted(Comparator.comparing(Commit::committed).thenComparing(Commit::id))
                .toList();
        commits.forEach(c -> byId.put(c.id(), c));
    }

    Instant first() {
        return byTime.get(0).committed();
    }

    Instant last() {
        return byTime.get(byTime.size() - 1).committed();
    }

    long spanSeconds() {
        return Duration.between(first(), last()).getSeconds();
    }

    /** The longest time between consecutive commits (the earliest such pair on a tie); null with one commit. */
    Gap longestGap() {
        Gap longest = null;
        for (int i = 1; i < byTime.size(); i++) {
            Commit before = byTime.get(i - 1);
            Commit after = byTime.get(i);
            long seconds =
                    Duration.between(before.committed(), after.committed()).getSeconds();
            if (longest == null || seconds > longest.seconds()) {
                longest = new Gap(seconds, before.shortId(), after.shortId());
            }
        }
        return longest;
    }

    /** Commits whose date is earlier than one of their parents' (naming the latest such parent), in time order. */
    List<DatedCommit> outOfOrder() {
        List<DatedCommit> found = new ArrayList<>();
        for (Commit c : byTime) {
            c.parents().stream()
                    .map(byId::get)
                    .filter(p -> p != null && p.committed().isAfter(c.committed()))
                    .max(Comparator.comparing(Commit::committed))
                    .ifPresent(p -> found.add(new DatedCommit(
                            c.shortId(),
                            c.subject(),
                            c.committed().toString(),
                            p.shortId(),
                            p.committed().toString())));
        }
        return found;
    }

    /** Commits dated after {@code start}, in time order. */
    List<DatedCommit> after(Instant start) {
        return byTime.stream()
                .filter(c -> c.committed().isAfter(start))
                .map(c ->
                        new DatedCommit(c.shortId(), c.subject(), c.committed().toString(), null, null))
                .toList();
    }
}
