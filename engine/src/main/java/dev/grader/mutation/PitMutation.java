package dev.grader.mutation;

/**
 * One mutation PIT made to the reference solution, and what the hidden suites did about it.
 *
 * @param status PIT's word: {@code KILLED}, {@code SURVIVED}, {@code NO_COVERAGE}, {@code TIMED_OUT}, ...
 * @param mutator the mutator's short name ({@code ConditionalsBoundaryMutator})
 */
public record PitMutation(
        String status, String mutatedClass, String method, int line, String mutator, String description) {

    /** Whether a hidden test failed (or the run broke) on it: killed, timed out, out of memory. */
    public boolean detected() {
        return switch (status) {
            case "KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR" -> true;
            default -> false;
        };
    }

    /** {@code com.acme.Foo.bar:41 ConditionalsBoundaryMutator (changed conditional boundary)}. */
    public String where() {
        return mutatedClass + "." + method + ":" + line + " " + mutator + " (" + description + ")";
    }
}
