package dev.grader.cli;

import dev.grader.batch.BatchSimilarity;
import dev.grader.similarity.SimilarityCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Similarity across a batch: on by default in {@code grade-all}, with its threshold and known solutions. */
final class SimilarityOptions {

    @Option(names = "--no-similarity", description = "Do not compare the submissions with each other (JPlag).")
    boolean off;

    @Option(
            names = "--similarity-threshold",
            paramLabel = "PERCENT",
            defaultValue = "60",
            description = "List pairs whose JPlag similarity is at least PERCENT (default: ${DEFAULT-VALUE}).")
    double threshold = SimilarityCheck.DEFAULT_THRESHOLD;

    @Option(
            names = "--compare-with",
            paramLabel = "DIR",
            description = "A folder of known solutions (earlier cohorts, public ones) to compare every submission with;"
                    + " repeatable. The reference solution is always compared.")
    List<Path> compareWith = new ArrayList<>();

    /** The settings, or null when similarity is off; a usage error for a bad threshold or folder. */
    BatchSimilarity.Settings settings(List<Path> workerClasspath) {
        if (off) {
            return null;
        }
        if (threshold < 0 || threshold > 100) {
            throw new UsageException("--similarity-threshold must be from 0 to 100, was " + threshold);
        }
        for (Path p : compareWith) {
            if (!Files.isDirectory(p)) {
                throw new UsageException("--compare-with " + p + ": not a folder");
            }
        }
        return new BatchSimilarity.Settings(workerClasspath, threshold, compareWith, Duration.ofMinutes(10));
    }
}
