package dev.grader.similarity;

import dev.grader.model.SimilarityEvidence;
import dev.grader.model.SimilarityEvidence.OtherKind;
import dev.grader.model.SimilarityEvidence.Region;
import dev.grader.model.SimilarityEvidence.SimilarPair;
import dev.grader.workspace.TemporaryFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a batch's submissions with each other and with the reference and known solutions (JPlag in the
 * similarity worker's JVM), the starter as base code, and turns the pairs at or above the threshold into each
 * submission's {@link SimilarityEvidence}.
 */
public final class SimilarityCheck {

    /** The default threshold, in percent of JPlag's average similarity. */
    public static final double DEFAULT_THRESHOLD = 60;

    static final int MAX_REGIONS = 5;
    static final int MAX_LINES = 60;
    /** Only a submission's most similar pairs carry their code (a batch of copies would otherwise make huge reports). */
    static final int MAX_PAIRS_WITH_CODE = 3;

    /**
     * The comparison's outcome.
     *
     * @param bySubmission each submission's evidence, by the submission's name (every submission given has one)
     * @param millis how long JPlag took, in the worker
     */
    public record Result(Map<String, SimilarityEvidence> bySubmission, long millis) {}

    private final WorkerProcess worker;

    /** A check that starts the worker with {@code workerClasspath}, stopped after {@code timeout}. */
    public SimilarityCheck(List<Path> workerClasspath, Duration timeout) {
        this.worker = new WorkerProcess(workerClasspath, timeout);
    }

    /**
     * Compares {@code candidates} (the batch's submissions, the reference, known solutions) with {@code starter}'s
     * sources as base code.
     *
     * @param threshold pairs below this percentage are not listed
     */
    public Result compare(Path starter, List<Candidate> candidates, double threshold)
            throws IOException, InterruptedException {
        if (threshold < 0 || threshold > 100) {
            throw new IllegalArgumentException("the similarity threshold must be from 0 to 100, was " + threshold);
        }
        Path work = TemporaryFolders.create("grader-similarity-");
        try {
            Layout layout = Layout.of(work, starter, candidates);
            Map<String, List<SimilarPair>> pairs = new LinkedHashMap<>();
            candidates.stream()
                    .filter(c -> c.kind() == OtherKind.SUBMISSION)
                    .forEach(c -> pairs.put(c.name(), new ArrayList<>()));
            long millis = 0;
            Set<String> read = new HashSet<>();
            if (layout.submissionCount() >= 1 && layout.size() >= 2) {
                WorkerResult result = worker.run(layout, threshold);
                millis = result.millis();
                result.submissions().forEach(c -> {
                    Candidate known = layout.candidate(c.name());
                    if (known != null) {
                        read.add(known.name() + "\u0000" + known.kind());
                    }
                });
                Map<Path, List<String>> files = new HashMap<>();
                List<WorkerResult.Pair> sorted = result.pairs().stream()
                        .sorted(Comparator.comparingDouble(WorkerResult.Pair::similarity)
                                .reversed())
                        .toList();
                for (WorkerResult.Pair p : sorted) {
                    add(layout, pairs, files, p, true);
                    add(layout, pairs, files, p, false);
                }
            }
            // Compared with every other source JPlag read; 0 when JPlag could not read this one (no Java, a parse
            // error).
            int others = read.size() - 1;
            Map<String, SimilarityEvidence> out = new LinkedHashMap<>();
            pairs.forEach((name, list) -> {
                list.sort(Comparator.comparingDouble(SimilarPair::percent)
                        .reversed()
                        .thenComparing(SimilarPair::other));
                boolean wasRead = read.contains(name + "\u0000" + OtherKind.SUBMISSION);
                out.put(name, new SimilarityEvidence(threshold, wasRead ? Math.max(0, others) : 0, list));
            });
            return new Result(out, millis);
        } finally {
            TemporaryFolders.delete(work);
        }
    }

    /** Adds the pair to the list of its first side ({@code firstSide}) or second side, when that side is a submission. */
    private static void add(
            Layout layout,
            Map<String, List<SimilarPair>> pairs,
            Map<Path, List<String>> files,
            WorkerResult.Pair p,
            boolean firstSide)
            throws IOException {
        String self = firstSide ? p.first() : p.second();
        String other = firstSide ? p.second() : p.first();
        Candidate me = layout.candidate(self);
        Candidate them = layout.candidate(other);
        if (me == null || them == null || me.kind() != OtherKind.SUBMISSION) {
            return;
        }
        List<Region> regions = new ArrayList<>();
        boolean code = pairs.get(me.name()).size() < MAX_PAIRS_WITH_CODE;
        for (WorkerResult.Match m : p.regions().stream()
                .sorted(Comparator.comparingInt(WorkerResult.Match::tokens).reversed())
                .limit(MAX_REGIONS)
                .toList()) {
            String file = firstSide ? m.firstFile() : m.secondFile();
            int start = firstSide ? m.firstStart() : m.secondStart();
            int end = firstSide ? m.firstEnd() : m.secondEnd();
            String otherFile = firstSide ? m.secondFile() : m.firstFile();
            int otherStart = firstSide ? m.secondStart() : m.firstStart();
            int otherEnd = firstSide ? m.secondEnd() : m.firstEnd();
            regions.add(new Region(
                    file,
                    start,
                    end,
                    otherFile,
                    otherStart,
                    otherEnd,
                    code ? lines(files, layout.file(self, file), start, end) : List.of(),
                    code ? lines(files, layout.file(other, otherFile), otherStart, otherEnd) : List.of()));
        }
        pairs.get(me.name()).add(new SimilarPair(them.name(), them.kind(), round(p.similarity()), regions));
    }

    private static List<String> lines(Map<Path, List<String>> files, Path file, int start, int end) throws IOException {
        if (start < 1) {
            return List.of();
        }
        List<String> all = files.get(file);
        if (all == null) {
            all = Files.isRegularFile(file)
                    ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                            .lines()
                            .toList()
                    : List.of();
            files.put(file, all);
        }
        int from = Math.min(all.size(), start - 1);
        int to = Math.min(all.size(), Math.min(end, start - 1 + MAX_LINES));
        return List.copyOf(all.subList(from, Math.max(from, to)));
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }
}
