package dev.grader.cli;

import dev.grader.batch.BatchGrader;
import dev.grader.batch.BatchSimilarity;
import dev.grader.batch.Leaderboard;
import dev.grader.batch.LeaderboardFiles;
import dev.grader.batch.Progress;
import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.intake.Submission;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.InfrastructureException;
import dev.grader.model.SimilarityEvidence;
import dev.grader.report.ReportFormat;
import dev.grader.report.ReportWriter;
import dev.grader.report.Text;
import dev.grader.similarity.SimilarityCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grader grade-all}: grades every submission in a folder and ranks them. */
@Command(
        name = "grade-all",
        mixinStandardHelpOptions = true,
        description = {
            "Grades every submission in a folder and writes a leaderboard.",
            "Each entry of DIR is one submission: a project folder (a git work tree is one), a .zip, .tar.gz or .tgz",
            "archive, a git bundle (.bundle) or a bare git repository. Submissions are graded --jobs at a time with one",
            "database server (a fresh database each). Each one's reports go to OUT/<name>/; OUT/leaderboard.csv, .html",
            "and .md rank them. A re-run skips submissions already graded with the same content and exercise version",
            "unless --force. One broken submission never stops the batch. Then every pair of submissions, and each one",
            "with the reference solution and the --compare-with solutions, is compared with JPlag (starter code left out):",
            "similar pairs go into the reports and the leaderboard. Similarity is a reason to look, not proof."
        })
final class GradeAllCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    DatabaseOptions database;

    @Mixin
    ReportOptions reports;

    @Mixin
    SandboxOptions sandbox;

    @Mixin
    SimilarityOptions similarity;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-e", "--exercise"},
            required = true,
            paramLabel = "ID",
            description = "Exercise id (see `grader list`).")
    String exerciseId;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder whose entries are the submissions.")
    Path dir;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "grader-reports",
            description = "Where reports and the leaderboard go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "Submissions graded at once (default: the number of cores).")
    Integer jobs;

    @Option(
            names = "--force",
            description = "Grade again submissions already graded with the same content and exercise version.")
    boolean force;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description =
                    "Seed of the randomised hidden data, the same for every submission (default: random; printed).")
    Long seed;

    @Option(
            names = "--min-score",
            paramLabel = "PERCENT",
            description = "Exit with code 1 when any submission scores below PERCENT of the maximum (0-100).")
    Double minScore;

    @Option(names = "--no-progress", description = "Plain progress lines even on a terminal.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (minScore != null && (minScore < 0 || minScore > 100)) {
            throw new UsageException("--min-score must be from 0 to 100, was " + minScore);
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new UsageException("--jobs must be at least 1, was " + threads);
        }
        Set<ReportFormat> formats = reports.formats(true);
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + ": not a folder; give the folder that holds the submissions");
        }
        Exercise exercise = common.catalog().get(exerciseId);
        Submission.Scan scan = Submission.scan(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        for (Submission.Ignored i : scan.ignored()) {
            stdout.println("skipped " + i.path().getFileName() + ": " + i.reason());
        }
        if (scan.submissions().isEmpty()) {
            throw new UsageException(dir + ": holds no submissions (folders, .zip, .tar.gz, .tgz, .bundle or bare git"
                    + " repositories)");
        }
        long batchSeed = seed != null ? seed : GradeOptions.randomSeed();
        Path outDir = out.toAbsolutePath().normalize();
        int total = scan.submissions().size();
        stdout.println("Grading " + total + " submission" + (total == 1 ? "" : "s") + " of " + exercise.id() + " v"
                + exercise.manifest().version() + " with " + threads + " job" + (threads == 1 ? "" : "s") + ", seed "
                + batchSeed + " (repeat with --seed " + batchSeed + ")");
        stdout.flush();
        List<BatchGrader.Result> results;
        boolean terminal = System.console() != null && !noProgress;
        try (Grader grader = new Grader(
                        common.cacheDir(), database.services(), sandbox.sandbox, GraderHome.settings(), sandbox.image);
                Progress progress = terminal ? Progress.bar(total) : Progress.lines(total, stdout)) {
            BatchGrader batch = new BatchGrader(
                    grader,
                    exercise,
                    new BatchGrader.Settings(outDir, formats, reports.audience(), batchSeed, force, threads));
            results = batch.run(scan.submissions(), progress);
        }
        results = compareSimilarity(
                exercise,
                scan.submissions(),
                results,
                new BatchGrader.Settings(outDir, formats, reports.audience(), batchSeed, force, threads),
                stdout);
        Map<GradeReport, BatchGrader.Result> byReport = new IdentityHashMap<>();
        results.forEach(r -> byReport.put(r.report(), r));
        String linked = formats.contains(ReportFormat.HTML)
                ? ReportFormat.HTML.fileName()
                : formats.contains(ReportFormat.JSON) ? ReportFormat.JSON.fileName() : null;
        Leaderboard board = Leaderboard.of(
                results.stream().map(BatchGrader.Result::report).toList(),
                r -> byReport.get(r).submission().name(),
                r -> linked == null ? null : byReport.get(r).submission().name() + "/" + linked);
        LeaderboardFiles.write(board, outDir);
        ReportWriter.appendStepSummary(GraderHome.settings(), LeaderboardFiles.markdown(board));
        printSummary(stdout, board, results, outDir);
        return exitCode(results.stream().map(BatchGrader.Result::report).toList(), minScore);
    }

    /** The results with similarity evidence attached (and their reports written again), or as they were. */
    private List<BatchGrader.Result> compareSimilarity(
            Exercise exercise,
            List<Submission> submissions,
            List<BatchGrader.Result> results,
            BatchGrader.Settings batch,
            PrintWriter stdout)
            throws IOException, InterruptedException {
        BatchSimilarity.Settings settings = similarity.settings(GraderHome.similarityClasspath());
        if (settings == null) {
            return results;
        }
        if (settings.workerClasspath().isEmpty()) {
            stdout.println("similarity not compared: the similarity worker was not found (lib/similarity/ or"
                    + " similarity-worker/target/lib/ under " + GraderHome.home() + ")");
            return results;
        }
        try {
            SimilarityCheck.Result found = new BatchSimilarity(exercise, settings).compare(submissions);
            long pairs = found.bySubmission().values().stream()
                    .mapToLong(e -> e.pairs().size())
                    .sum();
            stdout.println(String.format(
                    Locale.ROOT,
                    "Similarity (JPlag, %.1f s): %d listing%s at or above %s%%; %s",
                    found.millis() / 1000.0,
                    pairs,
                    pairs == 1 ? "" : "s",
                    Text.number(settings.threshold()),
                    SimilarityEvidence.CAUTION));
            return BatchSimilarity.attach(results, found, batch);
        } catch (InfrastructureException e) {
            stdout.println("similarity not compared: " + e.getMessage());
            return results;
        }
    }

    private static void printSummary(
            PrintWriter out, Leaderboard board, List<BatchGrader.Result> results, Path outDir) {
        out.println();
        int width = Math.max(
                10,
                board.entries().stream().mapToInt(e -> e.name().length()).max().orElse(10));
        out.println(String.format(
                Locale.ROOT, "%4s  %-" + width + "s  %9s  %6s  %s", "#", "submission", "score", "%", "status"));
        int rank = 0;
        for (Leaderboard.Entry e : board.entries()) {
            out.println(String.format(
                    Locale.ROOT,
                    "%4d  %-" + width + "s  %9s  %6.1f  %s",
                    ++rank,
                    e.name(),
                    Text.number(e.score()) + "/" + Text.number(e.maxScore()),
                    e.percent(),
                    e.status().replace('_', ' ')
                            + (e.flags() > 0 ? " · " + e.flags() + " flag" + (e.flags() == 1 ? "" : "s") : "")));
        }
        long reused = results.stream().filter(BatchGrader.Result::reused).count();
        out.println();
        out.println(String.format(
                Locale.ROOT,
                "%d graded%s · mean %.1f%% · leaderboard: %s",
                results.size() - reused,
                reused > 0 ? ", " + reused + " already graded (kept; --force grades again)" : "",
                board.averagePercent(),
                outDir.resolve(LeaderboardFiles.HTML)));
        out.flush();
    }

    static int exitCode(List<GradeReport> reports, Double minScore) {
        if (reports.stream().anyMatch(r -> r.status() == GradeStatus.INFRASTRUCTURE_ERROR)) {
            return ExitCodes.INFRASTRUCTURE;
        }
        if (minScore != null && reports.stream().anyMatch(r -> r.percent() < minScore)) {
            return ExitCodes.BELOW_BAR;
        }
        return ExitCodes.OK;
    }
}
