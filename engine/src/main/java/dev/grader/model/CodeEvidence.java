package dev.grader.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * Where to read: the candidate's changes against the starter, for a reviewer. Every text the submission holds is
 * here as it was written (renderers escape it); sizes are capped when the evidence is gathered, and {@link #notes}
 * say what was left out.
 *
 * @param files the added and changed text files, main sources first, each with its diff against the starter
 * @param methods the added and changed methods and constructors, largest first
 * @param notes what was cut or could not be read, for people (empty when nothing was)
 */
public record CodeEvidence(List<File> files, List<Method> methods, List<String> notes) {

    public CodeEvidence {
        files = files == null ? List.of() : List.copyOf(files);
        methods = methods == null ? List.of() : List.copyOf(methods);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Whether a file or a method is new, or was in the starter and differs. */
    public enum Change {
        ADDED,
        CHANGED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a diff line is: unchanged context, added by the candidate, or removed from the starter. */
    public enum LineKind {
        CONTEXT,
        ADDED,
        REMOVED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One file's diff.
     *
     * @param path relative to the submission's root, '/'-separated
     * @param status added or changed
     * @param linesAdded lines the candidate added to this file (all of them, also those cut from the hunks)
     * @param linesRemoved lines removed from the starter's file
     * @param hunks the diff's hunks, in order; an added file has one hunk of added lines
     * @param truncated whether lines were left out of the hunks (the file's diff was longer than the cap)
     */
    public record File(
            String path, Change status, int linesAdded, int linesRemoved, List<Hunk> hunks, boolean truncated) {

        public File {
            requireNonNull(path, "path");
            requireNonNull(status, "status");
            hunks = List.copyOf(hunks);
        }
    }

    /** Consecutive diff lines with their context. */
    public record Hunk(List<Line> lines) {

        public Hunk {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One diff line.
     *
     * @param oldLine its 1-based line in the starter's file; null for an added line
     * @param newLine its 1-based line in the submission's file; null for a removed line
     * @param text the line without its line break (very long lines are cut, ending in an ellipsis)
     */
    public record Line(LineKind kind, Integer oldLine, Integer newLine, String text) {

        public Line {
            requireNonNull(kind, "kind");
            requireNonNull(text, "text");
        }
    }

    /**
     * A method or constructor the candidate added or changed.
     *
     * @param file the file holding it (a {@link File#path})
     * @param name {@code Type.method(ParamType, ...)}, as declared
     * @param line its first line in the submission's file (annotations and comments aside)
     * @param lines how many lines it spans
     * @param change added (no method of that signature in the starter's file) or changed (its text differs)
     */
    public record Method(String file, String name, int line, int lines, Change change) {

        public Method {
            requireNonNull(file, "file");
            requireNonNull(name, "name");
            requireNonNull(change, "change");
        }
    }
}
