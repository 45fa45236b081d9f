package dev.grader.cli;

import dev.grader.batch.Submission;
import dev.grader.batch.SubmissionException;
import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.report.Audience;
import dev.grader.report.ConsoleReport;
import dev.grader.report.GradeReport;
import dev.grader.report.JsonReport;
import dev.grader.report.MarkdownReport;
import dev.grader.report.ReportFormat;
import dev.grader.report.ReportWriter;
import dev.grader.exercise.Mutant;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grader grade}: grades one submission. */
@Command(name = "grade", mixinStandardHelpOptions = true,
    description = {"Grades one submission against an exercise's hidden suites.",
        "Compiles the submission, runs the hidden suites against it in a forked, bounded JVM and scores the run",
        "against the rubric. Prints a summary; --format and --out write reports (JSON, JUnit XML, Markdown, HTML,",
        "Gradescope); with $GITHUB_STEP_SUMMARY set, the Markdown report is appended to it."})
final class GradeCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin DatabaseOptions database;
  @Mixin ReportOptions reports;
  @Mixin SandboxOptions sandbox;
  @Spec CommandSpec spec;

  @Option(names = {"-e", "--exercise"}, required = true, paramLabel = "ID", description = "Exercise id (see `grader list`).")
  String exerciseId;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SUBMISSION", description = "The candidate's Maven project: a folder, a .zip/.tar.gz/.tgz archive, a git bundle or a bare git repository.")
  Path submission;

  @Option(names = "--variant", paramLabel = "NAME",
      description = "Grade one of the exercise's own variants instead of a SUBMISSION: solution, starter or mutant:<name>.")
  String variant;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the full machine report (docs/report-format.md).")
  Path json;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder for the --format files (default: grader-report when a --format is given; every format when"
          + " only --out is).")
  Path out;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the randomised hidden data (default: random; the report prints it).")
  Long seed;

  @Option(names = "--min-score", paramLabel = "PERCENT",
      description = "Exit with code 1 when the score is below PERCENT of the maximum (0-100).")
  Double minScore;

  @Option(names = "--keep-work", description = "Keep the compiled classes and test JVM folder (for debugging the grader).")
  boolean keepWork;

  @Override
  public Integer call() throws IOException {
    if (minScore != null && (minScore < 0 || minScore > 100)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-score must be from 0 to 100, was " + minScore);
    }
    if ((submission == null) == (variant == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give either a SUBMISSION folder or --variant (solution, starter or mutant:<name>)");
    }
    Set<ReportFormat> formats = reports.formats(out != null);
    Exercise exercise = common.catalog().get(exerciseId);
    GradeReport report;
    Path variantDir = null;
    try (Grader grader = new Grader(common.cacheDir(), database.services(), sandbox.sandbox)) {
      Path dir;
      if (variant != null) {
        variantDir = Files.createTempDirectory("grader-variant-");
        dir = materialise(exercise, variant, variantDir);
      } else {
        dir = submission.toAbsolutePath().normalize();
      }
      long runSeed = seed == null ? GradeOptions.randomSeed() : seed;
      if (variant == null && !Files.isDirectory(dir)) {
        // An archive, a git bundle or a bare repository: unpacked or cloned first, like grade-all does.
        Submission entry = Submission.of(dir)
            .orElseThrow(() -> new UsageException(submission + ": not a folder, .zip, .tar.gz, .tgz or .bundle; give"
                + " the candidate's project"));
        variantDir = Files.createTempDirectory("grader-submission-");
        try {
          Submission.Materialised opened = entry.open(variantDir);
          report = grader.grade(exercise, opened.project(), new GradeOptions(runSeed, keepWork))
              .withSubmission(dir.toString()).withFlags(opened.flags());
        } catch (SubmissionException e) {
          report = Grader.rejected(exercise, dir, runSeed, e.getMessage());
        }
      } else {
        report = grader.grade(exercise, dir, new GradeOptions(runSeed, keepWork));
      }
    } finally {
      FileTrees.deleteQuietly(variantDir);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    Audience audience = reports.audience();
    GradeReport shown = audience.view(report);
    new ConsoleReport(reports.ansi()).print(shown, stdout);
    try {
      if (json != null) {
        JsonReport.write(shown, json);
        stdout.println("JSON report: " + json.toAbsolutePath().normalize());
      }
      if (!formats.isEmpty()) {
        Path dir = (out != null ? out : Path.of("grader-report")).toAbsolutePath().normalize();
        ReportWriter.write(report, formats, audience, dir);
        stdout.println("Reports (" + String.join(", ", formats.stream().map(ReportFormat::id).toList()) + "): " + dir);
      }
      Path summary = ReportWriter.appendStepSummary(MarkdownReport.render(shown));
      if (summary != null) {
        stdout.println("Step summary: " + summary);
      }
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: could not write the reports: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
    stdout.flush();
    return exitCode(report, minScore);
  }

  /** The starter, the solution or a mutant laid out as a project; named after the variant. */
  static Path materialise(Exercise exercise, String variant, Path work) throws IOException {
    if (variant.equals("starter")) {
      return exercise.starter();
    }
    if (variant.equals("solution")) {
      return Variants.solution(exercise, work.resolve("solution"));
    }
    if (variant.startsWith("mutant:")) {
      String name = variant.substring("mutant:".length());
      for (Mutant m : exercise.mutants()) {
        if (m.name().equals(name)) {
          return Variants.mutant(exercise, m, work.resolve("mutant-" + name));
        }
      }
      throw new ExerciseException("exercise '" + exercise.id() + "' has no mutant '" + name + "'; it has: "
          + String.join(", ", exercise.mutants().stream().map(Mutant::name).toList()));
    }
    throw new ExerciseException("--variant must be solution, starter or mutant:<name>, was '" + variant + "'");
  }

  static int exitCode(GradeReport report, Double minScore) {
    return switch (report.status()) {
      case DOES_NOT_COMPILE, REJECTED -> ExitCodes.DOES_NOT_COMPILE;
      case INFRASTRUCTURE_ERROR -> ExitCodes.INFRASTRUCTURE;
      case GRADED -> minScore != null && report.percent() < minScore ? ExitCodes.BELOW_BAR : ExitCodes.OK;
    };
  }
}
