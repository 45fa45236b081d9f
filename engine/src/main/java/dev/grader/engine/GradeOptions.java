package dev.grader.engine;

import java.security.SecureRandom;
import java.util.List;

/**
 * Options of one grade.
 *
 * @param seed the seed of randomised hidden data
 * @param keepWorkDir keep the compiled classes and the test JVM's folder, for debugging the grader
 * @param onlyTests the hidden tests to run ({@code SimpleClassName.method}), no other, as {@code grader validate}'s
 *     repeated runs of a mutant do; empty: all (a grade of a submission always runs all)
 * @param reviewed the submission is reviewed for a person (integrity against the starter, static review, where to
 *     read); {@code grader validate} grades the exercise's own variants, whose reports nobody reads for that, without
 *     it. The review never changes a score.
 */
public record GradeOptions(long seed, boolean keepWorkDir, List<String> onlyTests, boolean reviewed) {

    public GradeOptions {
        onlyTests = onlyTests == null ? List.of() : List.copyOf(onlyTests);
    }

    /** Every hidden test runs, the submission is reviewed. */
    public GradeOptions(long seed, boolean keepWorkDir) {
        this(seed, keepWorkDir, List.of(), true);
    }

    /** Only {@code onlyTests} run (all when empty), the submission is reviewed. */
    public GradeOptions(long seed, boolean keepWorkDir, List<String> onlyTests) {
        this(seed, keepWorkDir, onlyTests, true);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh random seed, printed in the report so the run can be repeated. */
    public static long randomSeed() {
        return RANDOM.nextLong() & 0x7fff_ffff_ffffL;
    }
}
