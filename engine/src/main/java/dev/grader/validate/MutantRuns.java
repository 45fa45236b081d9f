package dev.grader.validate;

/** Which hidden tests a mutant's runs run during a validation. */
public enum MutantRuns {
    /** Every run runs every hidden test: shows the tests a mutant does not name that catch it on some seeds only. */
    FULL,
    /**
     * The first run runs every hidden test (what else the mutant breaks: the warnings of tests and categories it does
     * not name), the repeats only the tests its checks read ({@link Focus}).
     */
    FOCUSED_REPEATS,
    /**
     * Every run, the first too, runs only the tests its checks read, as the solution's first run names them: the
     * fastest proof that each mutant breaks what it declares, without the warnings about what else it breaks, and each
     * hidden test must fail on a mutant that names it (its test, its category or a rule that lists the mutant).
     */
    FOCUSED
}
