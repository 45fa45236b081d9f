package dev.grader.codeview;

import dev.grader.model.CodeEvidence;
import dev.grader.model.CodeEvidence.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where to read: the submission's added and changed text files as diffs against the starter, main sources first,
 * and the methods the candidate added or changed, largest first. Every part is capped (files, lines per file, lines
 * in all, methods) so that a flood of files or lines keeps the report readable; the evidence's notes say what was
 * cut.
 */
public final class CodeView {

    /** Files shown at most. */
    static final int MAX_FILES = 40;
    /** Diff lines shown per file at most. */
    static final int MAX_FILE_LINES = 800;
    /** Diff lines shown in all at most. */
    static final int MAX_LINES = 6000;
    /** Files not shown for what they hold, named one by one at most. */
    static final int MAX_UNREAD_NOTES = 10;
    /** Characters of Java read for methods at most (starter and submission files together): parsing is the slow part. */
    static final int MAX_PARSED_CHARS = 500_000;
    /** Methods listed at most. */
    static final int MAX_METHODS = 100;

    private CodeView() {}

    /** The code evidence of {@code files} (the submission's added and changed files, in any order). */
    public static CodeEvidence of(List<ComparedFile> files) {
        List<ComparedFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingInt((ComparedFile f) -> rank(f.path())).thenComparing(ComparedFile::path));
        List<CodeEvidence.File> shown = new ArrayList<>();
        List<Method> methods = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        int unread = 0;
        int unparsed = 0;
        int parseLeft = MAX_PARSED_CHARS;
        int left = MAX_LINES;
        for (ComparedFile f : sorted) {
            if (shown.size() == MAX_FILES) {
                notes.add((sorted.size() - sorted.indexOf(f)) + " more files not shown (at most " + MAX_FILES + ")");
                break;
            }
            String[] why = new String[1];
            String after = TextFile.read(f.submission(), why);
            String before = f.added() || after == null ? null : TextFile.read(f.starter(), why);
            if (after == null || (!f.added() && before == null)) {
                if (++unread <= MAX_UNREAD_NOTES) {
                    notes.add(f.path() + ": not shown, " + why[0]);
                }
                continue;
            }
            int budget = Math.min(MAX_FILE_LINES, left);
            CodeEvidence.File diff = f.added()
                    ? FileDiff.added(f.path(), TextFile.lines(after), budget)
                    : FileDiff.changed(f.path(), TextFile.lines(before), TextFile.lines(after), budget);
            left -= diff.hunks().stream().mapToInt(h -> h.lines().size()).sum();
            if (diff.truncated()) {
                cut.add(f.path());
            }
            shown.add(diff);
            int size = after.length() + (before == null ? 0 : before.length());
            if (f.path().endsWith(".java") && size <= parseLeft) {
                parseLeft -= size;
                methods.addAll(Methods.changed(f.path(), before, after));
            } else if (f.path().endsWith(".java")) {
                unparsed++;
            }
        }
        if (unparsed > 0) {
            notes.add("methods not listed for " + unparsed + " Java files (at most " + MAX_PARSED_CHARS / 1000
                    + " thousand characters of Java are read for methods)");
        }
        if (unread > MAX_UNREAD_NOTES) {
            notes.add((unread - MAX_UNREAD_NOTES) + " more files not shown (not text, or too large)");
        }
        if (!cut.isEmpty()) {
            notes.add(
                    0,
                    "diff lines cut (at most " + MAX_FILE_LINES + " per file, " + MAX_LINES + " in all) in "
                            + String.join(", ", cut.subList(0, Math.min(10, cut.size())))
                            + (cut.size() > 10 ? " and " + (cut.size() - 10) + " more files" : ""));
        }
        methods.sort(Comparator.comparingInt(Method::lines)
                .reversed()
                .thenComparing(Method::file)
                .thenComparingInt(Method::line));
        if (methods.size() > MAX_METHODS) {
            notes.add((methods.size() - MAX_METHODS) + " smaller methods not listed (at most " + MAX_METHODS + ")");
            methods = methods.subList(0, MAX_METHODS);
        }
        return new CodeEvidence(shown, methods, notes);
    }

    /** Main sources first, then test sources, other Java files, then everything else. */
    private static int rank(String path) {
        if (path.startsWith("src/main/java/") && path.endsWith(".java")) {
            return 0;
        }
        if (path.startsWith("src/test/java/") && path.endsWith(".java")) {
            return 1;
        }
        return path.endsWith(".java") ? 2 : 3;
    }
}
