package dev.grader.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * How much of this submission's own code (the starter's never counts) matches another submission of the batch, the
 * reference solution, or a known earlier or public solution, as JPlag measures it: the pairs at or above the
 * threshold, most similar first. Similarity is a reason to look, not proof.
 *
 * @param threshold the percentage at and above which a pair is listed
 * @param compared how many others this submission was compared with
 * @param pairs the pairs at or above the threshold, most similar first
 */
public record SimilarityEvidence(double threshold, int compared, List<SimilarPair> pairs) {

    /** The sentence every format shows beside similarity. */
    public static final String CAUTION = "Similarity is a reason to look, not proof.";

    public SimilarityEvidence {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** What the other side of a pair is. */
    public enum OtherKind {
        /** another submission of the same batch */
        SUBMISSION,
        /** the exercise's reference solution */
        REFERENCE,
        /** a solution given with {@code --compare-with}: an earlier cohort or a public one */
        KNOWN;

        /** The JSON and display name: lower case. */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One similar pair, seen from this submission.
     *
     * @param other the other side's name (a submission's name, {@code reference}, or a known solution's name)
     * @param percent JPlag's average similarity of the two, 0-100
     * @param regions the longest matching regions, longest first (at most a few)
     */
    public record SimilarPair(String other, OtherKind otherKind, double percent, List<Region> regions) {
        public SimilarPair {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }
    }

    /**
     * A matching region: a file and its line range on this side and on the other, with the lines themselves (cut to
     * a bounded number) for side-by-side reading.
     */
    public record Region(
            String file,
            int startLine,
            int endLine,
            String otherFile,
            int otherStartLine,
            int otherEndLine,
            List<String> lines,
            List<String> otherLines) {
        public Region {
            lines = lines == null ? List.of() : List.copyOf(lines);
            otherLines = otherLines == null ? List.of() : List.copyOf(otherLines);
        }
    }
}
