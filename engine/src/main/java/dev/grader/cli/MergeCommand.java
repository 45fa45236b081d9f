package dev.grader.cli;

import dev.grader.batch.BatchSimilarity;
import dev.grader.batch.Leaderboard;
import dev.grader.batch.LeaderboardFiles;
import dev.grader.exercise.Exercise;
import dev.grader.intake.Submission;
import dev.grader.model.Evidence;
import dev.grader.model.GradeReport;
import dev.grader.model.InfrastructureException;
import dev.grader.model.SimilarityEvidence;
import dev.grader.report.Audience;
import dev.grader.report.JsonReport;
import dev.grader.report.ReportFormat;
import dev.grader.report.ReportWriter;
import dev.grader.similarity.SimilarityCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grader merge}: one leaderboard from reports produced elsewhere. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Combines JSON reports into one leaderboard (e.g. the reports of parallel CI jobs).",
            "Each REPORT is a report.json or a folder searched for report.json files. A report in a folder of its own is",
            "named after that folder. Writes leaderboard.csv, .html and .md to --out; with $GITHUB_STEP_SUMMARY set, the",
            "Markdown leaderboard is appended to it. With --submissions, the submissions are compared for similarity",
            "(JPlag; the reference and --compare-with solutions too), the similar pairs listed on the leaderboard, and",
            "each compared submission's report written again with its pairs under --out's reports/NAME/ (JSON, HTML;",
            "the input reports are not changed)."
        })
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SimilarityOptions similarity;

    @Option(
            names = "--submissions",
            paramLabel = "DIR",
            description = "The folder of the submissions the reports are of (entries named like the reports): compares"
                    + " them for similarity (JPlag) and lists the similar pairs on the leaderboard. Without it, the pairs"
                    + " already in the reports (from grade-all) are listed.")
    Path submissions;

    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "report.json files, or folders holding them.")
    List<Path> inputs;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Where the leaderboard goes (default: the current folder).")
    Path out;

    @Option(
            names = "--min-score",
            paramLabel = "PERCENT",
            description = "Exit with code 1 when any report scores below PERCENT of the maximum (0-100).")
    Double minScore;

    @Override
    public Integer call() throws IOException {
        if (minScore != null && (minScore < 0 || minScore > 100)) {
            throw new UsageException("--min-score must be from 0 to 100, was " + minScore);
        }
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(p -> p.getFileName().toString().equals(ReportFormat.JSON.fileName()))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                throw new UsageException(in + ": no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no report.json found in " + inputs);
        }
        Path outDir = out.toAbsolutePath().normalize();
        List<GradeReport> reports = new ArrayList<>();
        Map<GradeReport, String> names = new IdentityHashMap<>();
        Map<GradeReport, String> links = new IdentityHashMap<>();
        Set<String> used = new HashSet<>();
        for (Path f : files) {
            GradeReport r;
            try {
                r = JsonReport.read(f);
            } catch (IOException e) {
                throw new UsageException(f + ": not a grader report (" + firstLine(e.getMessage()) + ")");
            }
            if (!GradeReport.FORMAT.equals(r.format()) || r.exercise() == null) {
                throw new UsageException(f + ": not a grader report (format '" + r.format() + "')");
            }
            String name = name(f, r);
            String unique = name;
            for (int i = 2; !used.add(unique.toLowerCase(Locale.ROOT)); i++) {
                unique = name + "-" + i;
            }
            reports.add(r);
            names.put(r, unique);
            Path html = f.resolveSibling(ReportFormat.HTML.fileName());
            Path target = Files.isRegularFile(html) ? html : f;
            links.put(
                    r,
                    outDir.relativize(target.toAbsolutePath().normalize())
                            .toString()
                            .replace('\\', '/'));
        }
        reports =
                withSimilarity(reports, names, links, outDir, spec.commandLine().getOut());
        Leaderboard board;
        try {
            board = Leaderboard.of(reports, names::get, links::get);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<Path> written = LeaderboardFiles.write(board, outDir);
        ReportWriter.appendStepSummary(GraderHome.settings(), LeaderboardFiles.markdown(board));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(
                Locale.ROOT,
                "Merged %d reports of %s v%d · mean %.1f%%",
                reports.size(),
                board.exerciseId(),
                board.exerciseVersion(),
                board.averagePercent()));
        written.forEach(p -> stdout.println("  " + p));
        stdout.flush();
        return GradeAllCommand.exitCode(reports, minScore);
    }

    /**
     * With --submissions: the reports with the similarity of those submissions as evidence, keyed again in
     * {@code names} and {@code links}. Each such report is written again (JSON and HTML) under {@code outDir}'s
     * {@code reports/NAME/}, where the leaderboard links; the input reports are never changed.
     */
    private List<GradeReport> withSimilarity(
            List<GradeReport> reports,
            Map<GradeReport, String> names,
            Map<GradeReport, String> links,
            Path outDir,
            PrintWriter out)
            throws IOException {
        if (submissions == null) {
            return reports;
        }
        if (!Files.isDirectory(submissions)) {
            throw new UsageException("--submissions " + submissions + ": not a folder");
        }
        BatchSimilarity.Settings settings = similarity.settings(GraderHome.similarityClasspath());
        if (settings == null) {
            return reports;
        }
        if (settings.workerClasspath().isEmpty()) {
            out.println("similarity not compared: the similarity worker was not found under " + GraderHome.home());
            return reports;
        }
        Exercise exercise = common.catalog().get(reports.get(0).exercise().id());
        Set<String> wanted = new HashSet<>(names.values());
        List<Submission> found = Submission.scan(submissions).submissions().stream()
                .filter(s -> wanted.contains(s.name()))
                .toList();
        out.println("Similarity: " + found.size() + " of " + reports.size() + " reports' submissions found in "
                + submissions);
        SimilarityCheck.Result result;
        try {
            result = new BatchSimilarity(exercise, settings).compare(found);
        } catch (InfrastructureException e) {
            out.println("similarity not compared: " + e.getMessage());
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while comparing the submissions", e);
        }
        List<GradeReport> next2 = new ArrayList<>();
        int rewritten = 0;
        for (GradeReport r : reports) {
            SimilarityEvidence s = result.bySubmission().get(names.get(r));
            GradeReport next = s == null
                    ? r
                    : r.withEvidence((r.evidence() == null ? Evidence.none() : r.evidence()).withSimilarity(s));
            names.put(next, names.get(r));
            links.put(next, links.get(r));
            if (s != null) {
                Path dir = outDir.resolve("reports").resolve(names.get(r));
                ReportWriter.write(next, List.of(ReportFormat.JSON, ReportFormat.HTML), Audience.COMPANY, dir);
                links.put(next, "reports/" + names.get(r) + "/" + ReportFormat.HTML.fileName());
                rewritten++;
            }
            next2.add(next);
        }
        if (rewritten > 0) {
            out.println("Reports with their similarity: " + rewritten + " written under " + outDir.resolve("reports"));
        }
        return next2;
    }

    /** The report's folder name when it sits in a folder of its own, else the submission's folder name. */
    private static String name(Path file, GradeReport r) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null
                && parent.getFileName() != null
                && !file.getFileName().toString().equals("report.json")) {
            return file.getFileName().toString().replaceFirst("\\.json$", "");
        }
        if (parent != null && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        if (r.submission() != null) {
            return Path.of(r.submission()).getFileName().toString();
        }
        return file.getFileName().toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
