package dev.grader.cli;

import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.intake.Intake;
import dev.grader.intake.Submission;
import dev.grader.intake.Variant;
import dev.grader.model.GradeReport;
import dev.grader.report.Audience;
import dev.grader.report.ConsoleReport;
import dev.grader.report.JsonReport;
import dev.grader.report.MarkdownReport;
import dev.grader.report.ReportFormat;
import dev.grader.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grader grade}: grades one submission. */
@Command(
        name = "grade",
        mixinStandardHelpOptions = true,
        description = {
            "Grades one submission against an exercise's hidden suites.",
            "Compiles the submission, runs the hidden suites against it in a forked, bounded JVM and scores the run",
            "against the rubric. Prints a summary; --format and --out write reports (JSON, JUnit XML, Markdown, HTML,",
            "Gradescope); with $GITHUB_STEP_SUMMARY set, the Markdown report is appended to it."
        })
final class GradeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    DatabaseOptions database;

    @Mixin
    ReportOptions reports;

    @Mixin
    SandboxOptions sandbox;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-e", "--exercise"},
            required = true,
            paramLabel = "ID",
            description = "Exercise id (see `grader list`).")
    String exerciseId;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SUBMISSION",
            description =
                    "The candidate's Maven project: a folder, a .zip/.tar.gz/.tgz archive, a git bundle or a bare git repository.")
    Path submission;

    @Option(
            names = "--variant",
            paramLabel = "NAME",
            description =
                    "Grade one of the exercise's own variants instead of a SUBMISSION: solution, starter or mutant:<name>.")
    String variant;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Also write the full machine report (docs/report-format.md).")
    Path json;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Folder for the --format files (default: grader-report when a --format is given; every format when"
                            + " only --out is).")
    Path out;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the randomised hidden data (default: random; the report prints it).")
    Long seed;

    @Option(
            names = "--min-score",
            paramLabel = "PERCENT",
            description = "Exit with code 1 when the score is below PERCENT of the maximum (0-100).")
    Double minScore;

    @Option(
            names = "--keep-work",
            description = "Keep the compiled classes and test JVM folder (for debugging the grader).")
    boolean keepWork;

    @Override
    public Integer call() throws IOException {
        if (minScore != null && (minScore < 0 || minScore > 100)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--min-score must be from 0 to 100, was " + minScore);
        }
        if ((submission == null) == (variant == null)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "give either a SUBMISSION folder or --variant (solution, starter or mutant:<name>)");
        }
        Set<ReportFormat> formats = reports.formats(out != null);
        Exercise exercise = common.catalog().get(exerciseId);
        GradeOptions options = new GradeOptions(seed == null ? GradeOptions.randomSeed() : seed, keepWork);
        Variant chosen = variant == null ? null : Variant.parse(exercise, variant);
        Submission given = submission == null
                ? null
                : Submission.of(submission.toAbsolutePath().normalize())
                        .orElseThrow(() -> new UsageException(submission
                                + ": not a folder, .zip, .tar.gz, .tgz or .bundle; give the" + " candidate's project"));
        GradeReport report;
        try (Grader grader = new Grader(
                common.cacheDir(), database.services(), sandbox.sandbox, GraderHome.settings(), sandbox.image)) {
            report = chosen != null
                    ? Intake.grade(grader, exercise, chosen, options)
                    : Intake.grade(grader, exercise, given, options);
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
                Path dir = (out != null ? out : Path.of("grader-report"))
                        .toAbsolutePath()
                        .normalize();
                ReportWriter.write(report, formats, audience, dir);
                stdout.println("Reports ("
                        + String.join(
                                ", ", formats.stream().map(ReportFormat::id).toList()) + "): " + dir);
            }
            Path summary = ReportWriter.appendStepSummary(GraderHome.settings(), MarkdownReport.render(shown));
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

    static int exitCode(GradeReport report, Double minScore) {
        return switch (report.status()) {
            case DOES_NOT_COMPILE, REJECTED, POLICY_VIOLATION -> ExitCodes.DOES_NOT_COMPILE;
            case INFRASTRUCTURE_ERROR -> ExitCodes.INFRASTRUCTURE;
            case GRADED -> minScore != null && report.percent() < minScore ? ExitCodes.BELOW_BAR : ExitCodes.OK;
        };
    }
}
