package dev.grader.intake;

import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.model.GradeReport;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    return grade(grader, exercise, submission::open, Path.of(source), options).withSubmission(source);
  }

  /** Grades one of the exercise's own variants. */
  public static GradeReport grade(Grader grader, Exercise exercise, Variant variant, GradeOptions options) {
    return grade(grader, exercise, work -> new Submission.Materialised(variant.materialise(exercise, work), List.of()),
        exercise.dir(), options);
  }

  private static GradeReport grade(Grader grader, Exercise exercise, Materialiser materialiser, Path source,
      GradeOptions options) {
    Path work = null;
    try {
      work = Files.createTempDirectory("grader-intake-");
      Submission.Materialised opened = materialiser.materialise(work);
      return grader.grade(exercise, opened.project(), options).withFlags(opened.flags());
    } catch (SubmissionException e) {
      return Grader.rejected(exercise, source, options.seed(), e.getMessage());
    } catch (IOException e) {
      return Grader.infrastructure(exercise, source, options.seed(),
          "the grader could not lay out the submission: " + e.getMessage());
    } catch (RuntimeException e) {
      return Grader.infrastructure(exercise, source, options.seed(), "the grader failed on this submission: " + e);
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  /** Lays a submission out as a project folder inside the given work folder, with the flags that raised. */
  @FunctionalInterface
  private interface Materialiser {
    Submission.Materialised materialise(Path work) throws IOException, SubmissionException;
  }
}
