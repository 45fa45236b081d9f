package dev.grader.cli;

import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.report.Ansi;
import dev.grader.report.ConsoleReport;
import dev.grader.report.GradeReport;
import dev.grader.report.JsonReport;
import dev.grader.services.Services;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grader grade}: grades one submission. */
@Command(name = "grade", mixinStandardHelpOptions = true,
    description = {"Grades one submission: compiles it, runs the exercise's hidden suites against it in a forked,",
        "bounded JVM and scores the run against the rubric."})
final class GradeCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = {"-e", "--exercise"}, required = true, paramLabel = "ID", description = "Exercise id (see `grader list`).")
  String exerciseId;

  @Parameters(index = "0", paramLabel = "SUBMISSION", description = "The candidate's Maven project folder.")
  Path submission;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the full machine report (docs/report-format.md).")
  Path json;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the randomised hidden data (default: random; the report prints it).")
  Long seed;

  @Option(names = "--min-score", paramLabel = "PERCENT",
      description = "Exit with code 1 when the score is below PERCENT of the maximum (0-100).")
  Double minScore;

  @Option(names = "--keep-work", description = "Keep the compiled classes and test JVM folder (for debugging the grader).")
  boolean keepWork;

  @Option(names = "--no-color", description = "Plain output (also when NO_COLOR is set or stdout is not a terminal).")
  boolean noColor;

  @Override
  public Integer call() throws IOException {
    if (minScore != null && (minScore < 0 || minScore > 100)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-score must be from 0 to 100, was " + minScore);
    }
    Exercise exercise = common.catalog().get(exerciseId);
    Path dir = submission.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new ExerciseException(dir + ": not a folder; give the candidate's project folder");
    }
    GradeReport report;
    try (Grader grader = new Grader(common.cacheDir(), new Services())) {
      report = grader.grade(exercise, dir, new GradeOptions(seed == null ? GradeOptions.randomSeed() : seed, keepWork));
    }
    PrintWriter out = spec.commandLine().getOut();
    new ConsoleReport(noColor ? new Ansi(false) : Ansi.auto()).print(report, out);
    if (json != null) {
      try {
        JsonReport.write(report, json);
        out.println("JSON report: " + json.toAbsolutePath().normalize());
      } catch (IOException e) {
        spec.commandLine().getErr().println("error: could not write the JSON report to " + json + ": " + e.getMessage());
        return ExitCodes.INFRASTRUCTURE;
      }
    }
    out.flush();
    return exitCode(report, minScore);
  }

  static int exitCode(GradeReport report, Double minScore) {
    return switch (report.status()) {
      case DOES_NOT_COMPILE -> ExitCodes.DOES_NOT_COMPILE;
      case INFRASTRUCTURE_ERROR -> ExitCodes.INFRASTRUCTURE;
      case GRADED -> minScore != null && report.percent() < minScore ? ExitCodes.BELOW_BAR : ExitCodes.OK;
    };
  }
}
