package dev.grader.cli;

/** The grader's exit codes; listed in every command's --help and in the README. */
public final class ExitCodes {
    /** Graded (and at or above --min-score), or validated without breach. */
    public static final int OK = 0;
    /** Graded below --min-score, or validate found a breach. */
    public static final int BELOW_BAR = 1;
    /** Bad command line, unknown exercise, invalid manifest. */
    public static final int USAGE = 2;
    /**
     * The submission (or the hidden suites against it) does not compile, could not be read as a project, or breaks
     * the exercise's code policy.
     */
    public static final int DOES_NOT_COMPILE = 3;
    /** The grader could not do its job: no database, Maven unavailable for a first resolve, disk. */
    public static final int INFRASTRUCTURE = 4;

    static final String[] LIST = {
        "0:graded (at or above --min-score) / validation passed",
        "1:graded below --min-score / validation found a breach",
        "2:usage error: bad option, unknown exercise, invalid exercise manifest",
        "3:the submission does not compile, could not be read as a project (rejected), or breaks the code policy",
        "4:infrastructure problem: no database, dependencies unresolvable, disk"
    };

    private ExitCodes() {}
}
