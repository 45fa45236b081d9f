package dev.grader.engine;

import java.security.SecureRandom;

/**
 * Options of one grade.
 *
 * @param seed the seed of randomised hidden data
 * @param keepWorkDir keep the compiled classes and the test JVM's folder, for debugging the grader
 */
public record GradeOptions(long seed, boolean keepWorkDir) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh random seed, printed in the report so the run can be repeated. */
    public static long randomSeed() {
        return RANDOM.nextLong() & 0x7fff_ffff_ffffL;
    }
}
