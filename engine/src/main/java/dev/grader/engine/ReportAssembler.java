package dev.grader.engine;

import dev.grader.build.CompileResult;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.Manifest;
import dev.grader.model.CompilePhase;
import dev.grader.model.Evidence;
import dev.grader.model.FlagKind;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeReport.Compilation;
import dev.grader.model.GradeReport.Environment;
import dev.grader.model.GradeReport.ExerciseInfo;
import dev.grader.model.GradeReport.RunInfo;
import dev.grader.model.GradeReport.Timing;
import dev.grader.model.GradeStatus;
import dev.grader.model.GraderInfo;
import dev.grader.model.PolicyViolation;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import dev.grader.policy.PolicyCheck;
import dev.grader.report.Text;
import dev.grader.review.Review;
import dev.grader.run.RunOutcome;
import dev.grader.score.Scorer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Assembles the report of one grade: the pipeline tells it each stage's timing and what it learned, then ends with
 * exactly one of {@link #graded}, {@link #notCompiled}, {@link #infrastructure} or {@link #rejected}.
 */
final class ReportAssembler {

    /** The pipeline's timed stages, in order. */
    enum Stage {
        RESOLVE,
        COMPILE,
        POLICY,
        SERVICES,
        TESTS
    }

    private final Exercise exercise;
    private final Path submission;
    private final long seed;
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final long startNanos = System.nanoTime();
    private final Map<Stage, Double> seconds = new EnumMap<>(Stage.class);
    private final PendingReview review;
    private final String sandboxWarning;
    private String database;
    private double launchSeconds;

    ReportAssembler(Exercise exercise, Path submission, long seed, PendingReview review, String sandboxWarning) {
        this.exercise = exercise;
        this.submission = submission;
        this.seed = seed;
        this.review = review;
        this.sandboxWarning = sandboxWarning;
    }

    /** Runs one stage of the pipeline and keeps its time (also when it throws). */
    <T> T timed(Stage stage, Supplier<T> work) {
        long t = System.nanoTime();
        try {
            return work.get();
        } finally {
            seconds.put(stage, secondsSince(t));
        }
    }

    /** The seconds spent launching test JVMs (see {@link GradeReport.Timing#launch()}). */
    void launched(double seconds) {
        launchSeconds = seconds;
    }

    /** Reviews {@code project} (the grade's private copy of the submission) rather than the submission as given. */
    void reviewing(Path project) {
        review.reviewing(project);
    }

    /** Starts the submission's review beside what the pipeline does next. */
    void startReview() {
        review.start();
    }

    /** Which database the grade used, for the report's environment. */
    void database(String description) {
        this.database = description;
    }

    GradeReport notCompiled(CompilePhase phase, CompileResult result) {
        Review done = review.join();
        String message =
                switch (phase) {
                    case SUBMISSION -> "the submission does not compile";
                    case HIDDEN_SUITES ->
                        "the hidden suites do not compile against the submission: its API differs from the one the brief fixes";
                };
        if (phase == CompilePhase.SUBMISSION
                && done.flags().stream().anyMatch(f -> f.kind().equals(FlagKind.DEPENDENCY_NOT_ALLOWED.id()))) {
            message += "; dependencies added to pom.xml are not on the grader's classpath, which holds the exercise's"
                    + " own dependencies only";
        }
        return build(
                done,
                GradeStatus.DOES_NOT_COMPILE,
                message,
                unscored(),
                new Compilation(phase, result.diagnostics()),
                List.of(),
                null,
                List.of());
    }

    /** The submission uses APIs the code policy forbids: it was not run, and scores 0. */
    GradeReport policyViolation(PolicyCheck.Outcome outcome) {
        return build(
                review.join(),
                GradeStatus.POLICY_VIOLATION,
                outcome.message(),
                unscored(),
                null,
                outcome.violations(),
                null,
                List.of());
    }

    GradeReport infrastructure(String message) {
        return build(
                review.join(), GradeStatus.INFRASTRUCTURE_ERROR, message, unscored(), null, List.of(), null, List.of());
    }

    GradeReport rejected(String message) {
        return build(review.join(), GradeStatus.REJECTED, message, unscored(), null, List.of(), null, List.of());
    }

    GradeReport graded(RunOutcome outcome) {
        Scorer.Scored scored = Scorer.score(exercise.manifest(), exercise.rules(), outcome.tests());
        List<String> warnings = new ArrayList<>();
        for (TestScore t : scored.tests()) {
            if (t.category().equals(Scorer.UNCATEGORISED)) {
                warnings.add("hidden test " + t.name() + " has no rubric category tag; it earns no points");
            }
        }
        if (sandboxWarning != null) {
            warnings.add(sandboxWarning);
        }
        int notRun = (int) outcome.tests().stream()
                .filter(t -> t.status() == TestStatus.NOT_RUN)
                .count();
        String message = outcome.endingMessage();
        if (notRun > 0) {
            message = (message == null ? "" : message + "; ") + Text.count(notRun, "test", "tests") + " did not run";
        } else if (outcome.completed() && outcome.tests().isEmpty()) {
            message = "the hidden suites held no tests";
        }
        RunInfo run = new RunInfo(
                outcome.ending(),
                message,
                outcome.exitCode(),
                outcome.tests().size(),
                notRun,
                outcome.stdoutExcerpt(),
                outcome.stderrExcerpt());
        return build(review.join(), GradeStatus.GRADED, message, scored, null, List.of(), run, warnings);
    }

    private Scorer.Scored unscored() {
        return Scorer.score(exercise.manifest(), List.of());
    }

    private GradeReport build(
            Review done,
            GradeStatus status,
            String message,
            Scorer.Scored scored,
            Compilation compilation,
            List<PolicyViolation> violations,
            RunInfo run,
            List<String> warnings) {
        Manifest m = exercise.manifest();
        Timing timing = new Timing(
                stage(Stage.RESOLVE),
                stage(Stage.COMPILE),
                stage(Stage.POLICY),
                stage(Stage.SERVICES),
                launchSeconds,
                stage(Stage.TESTS),
                secondsSince(startNanos));
        return new GradeReport(
                GradeReport.FORMAT,
                GradeReport.VERSION,
                GraderInfo.version(),
                new ExerciseInfo(m.id(), m.version(), m.title()),
                submission.toString(),
                status,
                message,
                seed,
                scored.score(),
                scored.maxScore(),
                Text.percent(scored.score(), scored.maxScore()),
                scored.categories(),
                scored.tests(),
                compilation,
                violations,
                run,
                warnings,
                done.flags(),
                done.changes(),
                environment(),
                timing,
                startedAt.toString(),
                Evidence.none().withCode(done.code()));
    }

    private Environment environment() {
        return new Environment(
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                database);
    }

    /** {@code report} with its total time up to now: work after the report was made (the own tests) counted. */
    GradeReport restamped(GradeReport report) {
        return report.withTotal(secondsSince(startNanos));
    }

    private double stage(Stage stage) {
        return seconds.getOrDefault(stage, 0.0);
    }

    private static double secondsSince(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
}
