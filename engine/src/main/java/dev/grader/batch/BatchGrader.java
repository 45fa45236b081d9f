package dev.grader.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.intake.Intake;
import dev.grader.intake.Submission;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.report.Audience;
import dev.grader.report.JsonReport;
import dev.grader.report.ReportFormat;
import dev.grader.report.ReportWriter;
import dev.grader.report.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Grades many submissions of one exercise with one {@link Grader} (so one database server), {@code jobs} at a
 * time, and files each submission's reports under {@code out/<name>/}. A submission already graded with the same
 * content, exercise version and seed policy is not graded again unless forced. One broken submission never
 * stops the batch: it gets a rejected or infrastructure report of its own.
 */
public final class BatchGrader {

    /** The file beside a submission's reports that records what was graded, for re-runs and the leaderboard. */
    public static final String STATE_FILE = ".grade-state.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How a batch is run. */
    public record Settings(
            Path out, Collection<ReportFormat> formats, Audience audience, long seed, boolean force, int jobs) {}

    /** One submission's outcome: its full (company) report, and whether it was reused from an earlier run. */
    public record Result(Submission submission, GradeReport report, boolean reused, Path reportDir) {}

    private final Grader grader;
    private final Exercise exercise;
    private final Settings settings;

    public BatchGrader(Grader grader, Exercise exercise, Settings settings) {
        this.grader = grader;
        this.exercise = exercise;
        this.settings = settings;
    }

    /** Grades every submission; results in the submissions' order. */
    public List<Result> run(List<Submission> submissions, Progress progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.jobs()), r -> {
            Thread t = new Thread(r, "grade-all");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Submission s : submissions) {
                futures.add(pool.submit(() -> {
                    Result result;
                    try {
                        result = gradeOne(s);
                    } catch (IOException | RuntimeException e) {
                        // The reports could not be written (disk full, permissions): the row says so, the batch goes
                        // on.
                        result = new Result(
                                s,
                                Grader.infrastructure(
                                        exercise,
                                        s.source(),
                                        settings.seed(),
                                        "the grader could not file this submission's reports: " + e),
                                false,
                                settings.out().resolve(s.name()));
                    }
                    progress.done(s.name(), outcome(result));
                    return result;
                }));
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    // gradeOne catches everything it can; this is a grader bug, reported on the submission's row.
                    Submission s = submissions.get(i);
                    GradeReport r = Grader.infrastructure(
                            exercise,
                            s.source(),
                            settings.seed(),
                            "the grader failed on this submission: " + e.getCause());
                    results.add(new Result(s, r, false, settings.out().resolve(s.name())));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String outcome(Result r) {
        GradeReport g = r.report();
        String score = Text.number(g.score()) + " / " + Text.number(g.maxScore());
        String what =
                switch (g.status()) {
                    case GRADED ->
                        score
                                + (g.run() != null && g.run().message() != null
                                        ? " (" + g.run().message() + ")"
                                        : "");
                    case DOES_NOT_COMPILE -> "does not compile";
                    case POLICY_VIOLATION -> "refused by the code policy: " + g.statusMessage();
                    case REJECTED -> "rejected: " + g.statusMessage();
                    case INFRASTRUCTURE_ERROR -> "not graded: " + g.statusMessage();
                };
        return what
                + (r.reused()
                        ? " (already graded; --force grades again)"
                        : String.format(Locale.ROOT, " in %.1f s", g.timing().total()));
    }

    Result gradeOne(Submission s) throws IOException {
        Path dir = settings.out().resolve(s.name());
        String digest = s.digest();
        GradeReport previous = settings.force() ? null : previous(dir, digest);
        if (previous != null) {
            return new Result(s, previous, true, dir);
        }
        GradeReport report = Intake.grade(grader, exercise, s, new GradeOptions(settings.seed(), false));
        ReportWriter.write(report, settings.formats(), settings.audience(), dir);
        writeState(dir, digest, report);
        return new Result(s, report, false, dir);
    }

    /** The report of an earlier run of this content against this exercise version, or {@code null}. */
    private GradeReport previous(Path dir, String digest) {
        Path state = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(state)) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(state.toFile());
            GradeReport r = JsonReport.fromJson(node.get("report").toString());
            boolean same = digest.equals(node.path("digest").asText())
                    && r.exercise().id().equals(exercise.manifest().id())
                    && r.exercise().version() == exercise.manifest().version()
                    && r.status() != GradeStatus.INFRASTRUCTURE_ERROR;
            return same ? r : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or from another grader version: grade again
        }
    }

    private static void writeState(Path dir, String digest, GradeReport report) throws IOException {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("digest", digest);
        node.set("report", MAPPER.readTree(JsonReport.toJson(report)));
        Files.createDirectories(dir);
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        Files.writeString(tmp, MAPPER.writeValueAsString(node));
        Files.move(
                tmp,
                dir.resolve(STATE_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
