package dev.grader.codeview;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.grader.model.CodeEvidence;
import dev.grader.model.CodeEvidence.Change;
import dev.grader.model.CodeEvidence.Hunk;
import dev.grader.model.CodeEvidence.Line;
import dev.grader.model.CodeEvidence.LineKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One file's unified diff against the starter (java-diff-utils' Myers diff), as hunks with {@value #CONTEXT} lines
 * of context, holding at most a given number of lines.
 */
final class FileDiff {

    /** Unchanged lines shown around each change. */
    static final int CONTEXT = 3;
    /** Longer lines are cut (with an ellipsis): a one-line flood stays one screen line. */
    static final int MAX_LINE_CHARS = 300;

    private final int budget;
    private final List<List<Line>> hunks = new ArrayList<>();
    private List<Line> current;
    private int used;
    private boolean truncated;

    private FileDiff(int budget) {
        this.budget = budget;
    }

    /** An added file: one hunk of added lines, at most {@code budget} of them. */
    static CodeEvidence.File added(String path, List<String> lines, int budget) {
        FileDiff d = new FileDiff(budget);
        d.startHunk();
        for (int i = 0; i < lines.size(); i++) {
            d.add(LineKind.ADDED, null, i + 1, lines.get(i));
        }
        return new CodeEvidence.File(path, Change.ADDED, lines.size(), 0, d.hunks(), d.truncated);
    }

    /** A changed file: the diff of {@code before} (the starter's) and {@code after}, at most {@code budget} lines. */
    static CodeEvidence.File changed(String path, List<String> before, List<String> after, int budget) {
        List<AbstractDelta<String>> deltas = DiffUtils.diff(before, after).getDeltas();
        FileDiff d = new FileDiff(budget);
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> delta : deltas) {
            added += delta.getTarget().size();
            removed += delta.getSource().size();
        }
        int i = 0;
        while (i < deltas.size()) {
            int j = i;
            while (j + 1 < deltas.size()
                    && deltas.get(j + 1).getSource().getPosition() - end(deltas.get(j)) <= 2 * CONTEXT) {
                j++;
            }
            d.hunk(before, after, deltas.subList(i, j + 1));
            i = j + 1;
        }
        return new CodeEvidence.File(path, Change.CHANGED, added, removed, d.hunks(), d.truncated);
    }

    /** One hunk: the grouped deltas with their context (0-based positions, 1-based line numbers out). */
    private void hunk(List<String> before, List<String> after, List<AbstractDelta<String>> group) {
        AbstractDelta<String> first = group.get(0);
        int o = Math.max(0, first.getSource().getPosition() - CONTEXT);
        int n = first.getTarget().getPosition() - (first.getSource().getPosition() - o);
        startHunk();
        for (AbstractDelta<String> delta : group) {
            for (; o < delta.getSource().getPosition(); o++, n++) {
                add(LineKind.CONTEXT, o + 1, n + 1, before.get(o));
            }
            for (String s : delta.getSource().getLines()) {
                add(LineKind.REMOVED, ++o, null, s);
            }
            for (String s : delta.getTarget().getLines()) {
                add(LineKind.ADDED, null, ++n, s);
            }
        }
        int stop = Math.min(before.size(), o + CONTEXT);
        for (; o < stop; o++, n++) {
            add(LineKind.CONTEXT, o + 1, n + 1, before.get(o));
        }
    }

    private static int end(AbstractDelta<String> delta) {
        return delta.getSource().getPosition() + delta.getSource().size();
    }

    private void startHunk() {
        current = new ArrayList<>();
    }

    /** The hunks that hold at least one line. */
    private List<Hunk> hunks() {
        return hunks.stream().map(Hunk::new).toList();
    }

    private void add(LineKind kind, Integer oldLine, Integer newLine, String text) {
        if (used >= budget) {
            truncated = true;
            return;
        }
        if (current.isEmpty()) {
            hunks.add(current);
        }
        current.add(new Line(kind, oldLine, newLine, cut(text)));
        used++;
    }

    static String cut(String text) {
        if (text.length() <= MAX_LINE_CHARS) {
            return text;
        }
        int end = MAX_LINE_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "… (" + (text.length() - end) + " more characters)";
    }
}
