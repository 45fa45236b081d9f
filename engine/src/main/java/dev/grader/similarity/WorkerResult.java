package dev.grader.similarity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The similarity worker's output, one JSON object (the worker's {@code SimilarityWorker} writes it; this is the
 * reading side of the same shape).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record WorkerResult(List<Compared> submissions, List<Pair> pairs, long millis) {

    WorkerResult {
        submissions = submissions == null ? List.of() : List.copyOf(submissions);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** A folder JPlag read, with its token count; {@code isNew} is false for the reference and known solutions. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Compared(
            String name, int tokens, @JsonProperty("new") boolean isNew) {}

    /** A pair at or above the threshold. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Pair(String first, String second, double similarity, List<Match> regions) {
        Pair {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }
    }

    /** A matching region: file and line range on both sides, and its length in tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Match(
            @JsonProperty("first_file") String firstFile,
            @JsonProperty("first_start") int firstStart,
            @JsonProperty("first_end") int firstEnd,
            @JsonProperty("second_file") String secondFile,
            @JsonProperty("second_start") int secondStart,
            @JsonProperty("second_end") int secondEnd,
            int tokens) {}
}
