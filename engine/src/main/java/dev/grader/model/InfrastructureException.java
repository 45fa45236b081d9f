package dev.grader.model;

/**
 * The grader could not do its job for reasons that are not the submission's fault: no Maven to
 * resolve dependencies, no database, no disk. Maps to the "infrastructure problem" exit code.
 */
public class InfrastructureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InfrastructureException(String message) {
        super(message);
    }

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
