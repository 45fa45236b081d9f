package dev.grader.review;

import dev.grader.codeview.CodeView;
import dev.grader.codeview.ComparedFile;
import dev.grader.exercise.Exercise;
import dev.grader.model.ChangeSummary;
import dev.grader.model.CodeEvidence;
import dev.grader.model.Flag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The review evidence of one submission: the {@link Integrity} comparison with the starter, then the
 * {@link StaticReview} of its main sources. Flags never change the score; a person reads them.
 *
 * @param flags integrity flags first, then the static review's, each group sorted by file and line
 * @param changes how the submission differs from the starter
 * @param code the added and changed files as diffs and the methods the candidate wrote, for a reviewer to read;
 *     null when not gathered
 */
public record Review(List<Flag> flags, ChangeSummary changes, CodeEvidence code) {

    public Review {
        flags = List.copyOf(flags);
    }

    /** A review without code evidence. */
    public Review(List<Flag> flags, ChangeSummary changes) {
        this(flags, changes, null);
    }

    /**
     * Reviews {@code submission}. Never throws for a missing, empty or odd submission: what cannot be read
     * becomes an info flag.
     *
     * @param supportSources the exercise's test-support sources as {@code grader init} gives them (see
     *     {@link Integrity#check}), or {@code null}
     */
    public static Review of(Exercise exercise, Path submission, Path supportSources) {
        Review integrity = Integrity.check(exercise, submission, supportSources);
        List<Flag> flags = new ArrayList<>(integrity.flags());
        flags.addAll(StaticReview.review(exercise, submission));
        return new Review(flags, integrity.changes(), code(exercise, submission, supportSources, integrity.changes()));
    }

    /** The added and changed files against what the candidate was given (see {@link Integrity#check}). */
    private static CodeEvidence code(Exercise exercise, Path submission, Path supportSources, ChangeSummary changes) {
        List<ComparedFile> files = new ArrayList<>();
        changes.added().forEach(rel -> files.add(new ComparedFile(rel, null, submission.resolve(rel))));
        for (String rel : changes.changed()) {
            Path given = exercise.starter().resolve(rel);
            if (!Files.isRegularFile(given) && rel.equals("README.md")) {
                given = exercise.brief();
            } else if (!Files.isRegularFile(given) && supportSources != null && rel.startsWith("src/test/java/")) {
                given = supportSources.resolve(rel.substring("src/test/java/".length()));
            }
            files.add(new ComparedFile(rel, given, submission.resolve(rel)));
        }
        return CodeView.of(files);
    }
}
