package dev.grader.cli;

import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.report.Ansi;
import dev.grader.report.ConsoleReport;
import dev.grader.report.GradeReport;
import dev.grader.report.JsonReport;
import dev.grader.exercise.Mutant;
import dev.grader.run.Sandbox;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Variants;
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
    description = {"Grades one submission against an exercise's hidden suites.",
        "Compiles the submission, runs the hidden suites against it in a forked, bounded JVM and scores the run",
        "against the rubric. Prints a summary; --json writes the full machine report."})
final class GradeCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;

  @Option(names = {"-e", "--exercise"}, required = true, paramLabel = "ID", description = "Exercise id (see `grader list`).")
  String exerciseId;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SUBMISSION", description = "The candidate's Maven project folder.")
  Path submission;

  @Option(names = "--variant", paramLabel = "NAME",
      description = "Grade one of the exercise's own variants instead of a SUBMISSION: solution, starter or mutant:<name>.")
  String variant;

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

  @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "none", converter = SandboxConverter.class,
      description = "Where the tests run: none (a local process with limits; default) or docker (a container; needs a Docker engine). See SECURITY.md.")
  Sandbox sandbox;

  @Override
  public Integer call() throws IOException {
    if (minScore != null && (minScore < 0 || minScore > 100)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-score must be from 0 to 100, was " + minScore);
    }
    if ((submission == null) == (variant == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give either a SUBMISSION folder or --variant (solution, starter or mutant:<name>)");
    }
    Exercise exercise = common.catalog().get(exerciseId);
    GradeReport report;
    Path variantDir = null;
    try (Grader grader = new Grader(common.cacheDir(), database.services(), sandbox)) {
      Path dir;
      if (variant != null) {
        variantDir = Files.createTempDirectory("grader-variant-");
        dir = materialise(exercise, variant, variantDir);
      } else {
        dir = submission.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
          throw new ExerciseException(dir + ": not a folder; give the candidate's project folder");
        }
      }
      report = grader.grade(exercise, dir, new GradeOptions(seed == null ? GradeOptions.randomSeed() : seed, keepWork));
    } finally {
      FileTrees.deleteQuietly(variantDir);
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
      case DOES_NOT_COMPILE -> ExitCodes.DOES_NOT_COMPILE;
      case INFRASTRUCTURE_ERROR -> ExitCodes.INFRASTRUCTURE;
      case GRADED -> minScore != null && report.percent() < minScore ? ExitCodes.BELOW_BAR : ExitCodes.OK;
    };
  }
}
