package dev.grader.model;

/** One compiler error, with the file relative to the project root where it can be. */
public record Diagnostic(String file, long line, long column, String message) {

    @Override
    public String toString() {
        return (file == null ? "" : file + ":" + line + ":" + column + ": ") + message;
    }
}
