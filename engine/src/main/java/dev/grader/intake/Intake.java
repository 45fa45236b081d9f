package dev.grader.intake;

import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.model.Evidence;
import dev.grader.model.GradeReport;
import dev.grader.model.HistoryEvidence;
import dev.grader.workspace.TemporaryFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The first stage of every grade: brings a submission (a folder, an archive, a git bundle or repository) or one
 * of the exercise's variants into a project folder of its own, grades it, and turns a submission that cannot be
 * read into a {@code rejected} report. {@code grade} and {@code grade-all} both come through here.
 */
public final class Intake {

    private Intake() {}

    /** Grades a candidate's submission; the report names the submission as given, not the folder it was read into. */
    public static GradeReport grade(Grader grader, Exercise exercise, Submission submission, GradeOptions options) {
        String source = submission.source().toAbsolutePath().normalize().toString();
        return grade(
                        grader,
                        exercise,
                        submission::open,
                        Path.of(source),
                        options,
                        (work, project, report) ->
                                SubmissionHistory.read(submission, exercise, work, project, started(report)))
                .withSubmission(source);
    }

    /** Grades one of the exercise's own variants. */
    public static GradeReport grade(Grader grader, Exercise exercise, Variant variant, GradeOptions options) {
        return grade(
                grader,
                exercise,
                work -> new Submission.Materialised(variant.materialise(exercise, work), List.of()),
                exercise.dir(),
                options,
                null);
    }

    private static GradeReport grade(
            Grader grader,
            Exercise exercise,
            Materialiser materialiser,
            Path source,
            GradeOptions options,
            History history) {
        Path work = null;
        Path project = null;
        GradeReport report;
        try {
            work = TemporaryFolders.create("grader-intake-");
            Submission.Materialised opened = materialiser.materialise(work);
            project = opened.project();
            report = grader.grade(exercise, project, options).withFlags(opened.flags());
        } catch (SubmissionException e) {
            report = Grader.rejected(exercise, source, options.seed(), e.getMessage());
        } catch (IOException e) {
            report = Grader.infrastructure(
                    exercise, source, options.seed(), "the grader could not lay out the submission: " + e.getMessage());
        } catch (RuntimeException e) {
            report = Grader.infrastructure(
                    exercise, source, options.seed(), "the grader failed on this submission: " + e);
        }
        try {
            return work == null || history == null ? report : withHistory(report, history.read(work, project, report));
        } finally {
            TemporaryFolders.delete(work);
        }
    }

    /** The report with the submission's history added to its evidence; unchanged when the history cannot be read. */
    private static GradeReport withHistory(GradeReport report, HistoryEvidence history) {
        Evidence evidence = report.evidence() == null ? Evidence.none() : report.evidence();
        return report.withEvidence(evidence.withHistory(history));
    }

    /** When the grade began, as its report says (now, if it cannot be read). */
    private static Instant started(GradeReport report) {
        try {
            return Instant.parse(report.startedAt());
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    /** Reads the submission's history from the work folder, once the grade is done. */
    @FunctionalInterface
    private interface History {
        HistoryEvidence read(Path work, Path project, GradeReport report);
    }

    /** Lays a submission out as a project folder inside the given work folder, with the flags that raised. */
    @FunctionalInterface
    private interface Materialiser {
        Submission.Materialised materialise(Path work) throws IOException, SubmissionException;
    }
}
