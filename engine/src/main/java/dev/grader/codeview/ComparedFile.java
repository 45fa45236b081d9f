package dev.grader.codeview;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A file of the submission and what it was compared with.
 *
 * @param path relative to the submission's root, '/'-separated
 * @param starter the file the candidate was given; null when the candidate added the file
 * @param submission the candidate's file
 */
public record ComparedFile(String path, Path starter, Path submission) {

    public ComparedFile {
        requireNonNull(path, "path");
        requireNonNull(submission, "submission");
    }

    boolean added() {
        return starter == null;
    }
}
