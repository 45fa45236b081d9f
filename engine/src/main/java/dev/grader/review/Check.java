package dev.grader.review;

/** One family of static-review checks over a parsed source file. */
interface Check {

    /** Adds a flag to {@code out} for each construct of the family found in {@code src}. */
    void check(SourceContext src, Findings out);
}
