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
 */
public record GradeOptions(long seed, boolean keepWorkDir, List<String> onlyTests) {

    public GradeOptions {
        onlyTests = onlyTests == null ? List.of() : List.copyOf(onlyTests);
    }

    /** Every hidden test runs. */
    public GradeOptions(long seed, boolean keepWorkDir) {
        this(seed, keepWorkDir, List.of());
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh random seed, printed in the report so the run can be repeated. */
    public static long randomSeed() {
        return RANDOM.nextLong() & 0x7fff_ffff_ffffL;
    }
}
