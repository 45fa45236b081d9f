package dev.grader.model;

import java.util.List;

/**
 * How the submission differs from the exercise's starter: files added, changed and removed (paths relative
 * to the project root) and lines added and removed over all text files.
 */
public record ChangeSummary(
        List<String> added, List<String> changed, List<String> removed, int linesAdded, int linesRemoved) {

    public ChangeSummary {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    public static ChangeSummary none() {
        return new ChangeSummary(List.of(), List.of(), List.of(), 0, 0);
    }
}
