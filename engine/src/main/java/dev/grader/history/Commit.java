package dev.grader.history;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One commit as the history's facts need it.
 *
 * @param id the full object id
 * @param shortId the abbreviated id reports name it by
 * @param subject the first line of its message, at most {@link #MAX_SUBJECT} characters
 * @param committed the committer date
 * @param parents the full ids of its parents
 */
record Commit(String id, String shortId, String subject, Instant committed, List<String> parents) {

    static final int MAX_SUBJECT = 80;

    Commit {
        requireNonNull(id, "id");
        requireNonNull(shortId, "shortId");
        requireNonNull(committed, "committed");
        subject = subject(subject);
        parents = List.copyOf(parents);
    }

    /** The first line of a message, control characters replaced, cut to {@link #MAX_SUBJECT} characters. */
    static String subject(String message) {
        if (message == null) {
            return "";
        }
        String first = message.strip().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return first.length() <= MAX_SUBJECT ? first : first.substring(0, MAX_SUBJECT - 1) + "…";
    }
}
