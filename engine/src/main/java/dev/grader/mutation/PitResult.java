package dev.grader.mutation;

import java.util.List;

/**
 * What PIT found on one exercise's reference solution.
 *
 * @param mutations every mutation PIT made
 * @param equivalent the survivors the exercise records as equivalent, with their reasons
 * @param seconds how long the PIT run took
 */
public record PitResult(
        String exercise, List<PitMutation> mutations, List<Equivalents.Matched> equivalent, double seconds) {

    public PitResult {
        mutations = List.copyOf(mutations);
        equivalent = List.copyOf(equivalent);
    }

    public long detected() {
        return mutations.stream().filter(PitMutation::detected).count();
    }

    /** Survivors the exercise does not record as equivalent: a hole in the hidden suites, or a record to write. */
    public List<PitMutation> unexplained() {
        return mutations.stream()
                .filter(m -> !m.detected())
                .filter(m -> equivalent.stream().noneMatch(e -> e.mutation().equals(m)))
                .toList();
    }

    /** Share of the non-equivalent mutations the hidden suites detect, in percent (100 when there are none). */
    public double score() {
        long counted = mutations.size() - equivalent.size();
        return counted <= 0 ? 100.0 : Math.floor(10_000.0 * detected() / counted) / 100.0;
    }
}
