package dev.grader.support;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed that randomised test data comes from.
 *
 * <p>The grader passes the seed of a run as the system property {@value #PROPERTY}; the report prints
 * it and {@code grader grade --seed N} reproduces the run. Outside the grader (a candidate running
 * {@code mvn test}) the environment variable {@value #ENV} is read, else a seed is drawn once per JVM
 * and printed to standard error so a failing run can be repeated.
 */
public final class Seeds {

    /** System property the grader sets in the test JVM. */
    public static final String PROPERTY = "grader.seed";

    /** Environment variable read when the property is absent. */
    public static final String ENV = "GRADER_SEED";

    private static final long SEED = resolve();

    private Seeds() {}

    /** The run's seed. */
    public static long seed() {
        return SEED;
    }

    /**
     * A random source for one purpose, derived from the run's seed and the purpose's name, so adding a
     * new use of randomness in one test does not change the data another test sees.
     */
    public static Random random(String purpose) {
        return new Random(mix(SEED ^ purpose.hashCode()));
    }

    private static long resolve() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENV);
        }
        if (value != null && !value.isBlank()) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(
                        "The seed must be a whole number, but " + PROPERTY + "/" + ENV + " is '" + value + "'", e);
            }
        }
        long drawn = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        System.err.println("[grader-support] random seed " + drawn + " (repeat with -D" + PROPERTY + "=" + drawn + ")");
        return drawn;
    }

    /** SplitMix64 finaliser: spreads nearby inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
