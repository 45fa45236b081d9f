package dev.grader.exercise;

/** An exercise that cannot be loaded or used; the message names the file, field and what is allowed. */
public class ExerciseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExerciseException(String message) {
        super(message);
    }

    public ExerciseException(String message, Throwable cause) {
        super(message, cause);
    }
}
