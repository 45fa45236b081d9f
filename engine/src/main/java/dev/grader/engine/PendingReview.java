package dev.grader.engine;

import dev.grader.model.ChangeSummary;
import dev.grader.model.Flag;
import dev.grader.model.FlagKind;
import dev.grader.review.Review;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The review of a submission (integrity against the starter, static review of its sources), started beside the
 * pipeline once the test JVM is on its way, and joined when the report is assembled. A pipeline that stops before
 * starting it (a grade that failed early) starts it then, so every report carries the review's flags.
 */
final class PendingReview {

    private final Function<Path, CompletableFuture<Review>> starter;
    private Path target;
    private CompletableFuture<Review> running;

    private PendingReview(Function<Path, CompletableFuture<Review>> starter, Path target) {
        this.starter = starter;
        this.target = target;
    }

    /**
     * A review of the project in {@code target}, started by {@code starter} when {@link #start()} is called (or when the
     * report needs it).
     */
    static PendingReview of(Function<Path, CompletableFuture<Review>> starter, Path target) {
        return new PendingReview(starter, target);
    }

    /** Reviews {@code project} instead (the grade's private copy), unless the review has started already. */
    void reviewing(Path project) {
        if (running == null) {
            target = project;
        }
    }

    /** A submission that is not reviewed (it could not be read, say). */
    static PendingReview none() {
        return new PendingReview(null, null);
    }

    /** Starts the review now, beside whatever the pipeline does next. */
    void start() {
        if (running == null && starter != null) {
            running = starter.apply(target);
        }
    }

    /** The review's outcome; a review that failed becomes an info flag, none at all an empty review. */
    Review join() {
        if (starter == null) {
            return new Review(List.of(), null);
        }
        start();
        try {
            return running.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Flag failed = FlagKind.REVIEW_FAILED.flag(null, null, "the submission could not be reviewed: " + cause);
            return new Review(List.of(failed), (ChangeSummary) null);
        }
    }
}
