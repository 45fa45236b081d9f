package dev.grader.batch;

import dev.grader.exercise.Exercise;
import dev.grader.intake.Submission;
import dev.grader.intake.SubmissionException;
import dev.grader.model.Evidence;
import dev.grader.model.GradeReport;
import dev.grader.model.SimilarityEvidence;
import dev.grader.model.SimilarityEvidence.OtherKind;
import dev.grader.report.ReportWriter;
import dev.grader.similarity.Candidate;
import dev.grader.similarity.SimilarityCheck;
import dev.grader.workspace.TemporaryFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Similarity across a batch: every submission compared with every other, with the exercise's reference solution
 * and with the solutions in the {@code --compare-with} folders, the starter as base code. Each submission's report
 * gets the result as evidence and is written again.
 */
public final class BatchSimilarity {

    /**
     * How to compare.
     *
     * @param workerClasspath the similarity worker's class path (its jar and JPlag's)
     * @param threshold pairs at or above this percentage are listed
     * @param compareWith folders whose entries are known solutions (earlier cohorts, public ones); may be empty
     */
    public record Settings(List<Path> workerClasspath, double threshold, List<Path> compareWith, Duration timeout) {
        public Settings {
            workerClasspath = List.copyOf(workerClasspath);
            compareWith = List.copyOf(compareWith);
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private final Exercise exercise;
    private final Settings settings;

    public BatchSimilarity(Exercise exercise, Settings settings) {
        this.exercise = exercise;
        this.settings = settings;
    }

    /** Compares the submissions (by name); a submission that cannot be opened is left out of the comparison. */
    public SimilarityCheck.Result compare(List<Submission> submissions) throws IOException, InterruptedException {
        Path work = TemporaryFolders.create("grader-similarity-in-");
        try {
            List<Candidate> candidates = new ArrayList<>();
            int i = 0;
            for (Submission s : submissions) {
                Path project = open(s, work.resolve("s" + i++));
                if (project != null) {
                    candidates.add(new Candidate(s.name(), Candidate.mainSources(project), OtherKind.SUBMISSION));
                }
            }
            candidates.add(new Candidate("reference", Candidate.mainSources(exercise.solution()), OtherKind.REFERENCE));
            for (Path dir : settings.compareWith()) {
                for (Submission known : Submission.scan(dir).submissions()) {
                    Path project = open(known, work.resolve("k" + i++));
                    if (project != null) {
                        candidates.add(new Candidate(known.name(), Candidate.mainSources(project), OtherKind.KNOWN));
                    }
                }
            }
            SimilarityCheck check = new SimilarityCheck(settings.workerClasspath(), settings.timeout());
            return check.compare(Candidate.mainSources(exercise.starter()), candidates, settings.threshold());
        } finally {
            TemporaryFolders.delete(work);
        }
    }

    private static Path open(Submission s, Path work) throws IOException {
        Files.createDirectories(work);
        try {
            return s.materialise(work);
        } catch (SubmissionException e) {
            return null; // its report already says why it could not be read
        }
    }

    /**
     * The results with each report carrying its similarity evidence, the reports written again in the batch's
     * formats and audience.
     */
    public static List<BatchGrader.Result> attach(
            List<BatchGrader.Result> results, SimilarityCheck.Result similarity, BatchGrader.Settings batch)
            throws IOException {
        List<BatchGrader.Result> out = new ArrayList<>();
        for (BatchGrader.Result r : results) {
            SimilarityEvidence found =
                    similarity.bySubmission().get(r.submission().name());
            if (found == null) {
                out.add(r);
                continue;
            }
            Evidence evidence =
                    r.report().evidence() == null ? Evidence.none() : r.report().evidence();
            GradeReport report = r.report().withEvidence(evidence.withSimilarity(found));
            ReportWriter.write(report, batch.formats(), batch.audience(), r.reportDir());
            out.add(new BatchGrader.Result(r.submission(), report, r.reused(), r.reportDir()));
        }
        return out;
    }
}
