package dev.grader.intake;

/** A submission that cannot be read as a project: an unsafe or oversized archive, a broken repository. */
public final class SubmissionException extends Exception {
    public SubmissionException(String message) {
        super(message);
    }

    public SubmissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
