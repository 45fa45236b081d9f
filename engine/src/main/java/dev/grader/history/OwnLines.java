package dev.grader.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.BlameCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Which commit each line of the final code arrived in ({@code git blame}, in process): the non-blank lines of the
 * text files under the project's folder, less the lines the candidate was given (a file of the starter keeps its
 * unchanged lines out of the count). Build output, IDE files and {@code .gitignore} are left out. A count that runs
 * past its time limit (a long history of many files) gives no result rather than a partial one.
 */
final class OwnLines {

    /** The most files blamed; the rest are not counted. */
    static final int MAX_FILES = 500;
    /** Files larger than this are not counted. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".idea", ".vscode", ".settings", ".git");
    private static final Set<String> SKIPPED_FILES = Set.of(".gitignore", ".classpath", ".project");

    /** The own lines counted, and how many arrived in each commit (by full id). */
    record Count(int total, Map<String, Integer> byCommit) {}

    private OwnLines() {}

    /**
     * @param prefix the project's folder inside the repository ({@code ""} at its root, else ending in {@code /})
     * @param given the files the candidate was given, by path relative to the project
     * @param limit how long the count may take; null past it
     */
    static Count count(Repository repo, RevCommit head, String prefix, Map<String, Path> given, Duration limit)
            throws IOException, GitAPIException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, Integer> byCommit = new HashMap<>();
        int total = 0;
        int files = 0;
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(head.getTree());
            walk.setRecursive(true);
            while (walk.next() && files < MAX_FILES) {
                String path = walk.getPathString();
                if (!path.startsWith(prefix)
                        || walk.getFileMode(0) != FileMode.REGULAR_FILE
                                && walk.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                String rel = path.substring(prefix.length());
                ObjectLoader blob = repo.open(walk.getObjectId(0));
                if (skipped(rel) || blob.getSize() > MAX_FILE_BYTES) {
                    continue;
                }
                byte[] bytes = blob.getCachedBytes();
                if (RawText.isBinary(bytes)) {
                    continue;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return null;
                }
                files++;
                RawText text = new RawText(bytes);
                boolean[] givenLine = givenLines(text, given.get(rel));
                BlameResult blame = new BlameCommand(repo)
                        .setStartCommit(head)
                        .setFilePath(path)
                        .call();
                if (blame == null) {
                    continue;
                }
                for (int i = 0; i < text.size(); i++) {
                    if (givenLine[i] || text.getString(i).isBlank()) {
                        continue;
                    }
                    RevCommit source = i < blame.getResultContents().size() ? blame.getSourceCommit(i) : null;
                    String id = (source == null ? head : source).getName();
                    byCommit.merge(id, 1, Integer::sum);
                    total++;
                }
            }
        }
        return new Count(total, byCommit);
    }

    /** For each line of {@code text}, whether it is an unchanged line of the given file (none when no file). */
    static boolean[] givenLines(RawText text, Path givenFile) throws IOException {
        boolean[] given = new boolean[text.size()];
        if (givenFile == null || !Files.isRegularFile(givenFile)) {
            return given;
        }
        byte[] bytes = Files.readAllBytes(givenFile);
        if (RawText.isBinary(bytes)) {
            return given;
        }
        java.util.Arrays.fill(given, true);
        EditList edits = new HistogramDiff().diff(RawTextComparator.WS_IGNORE_TRAILING, new RawText(bytes), text);
        for (Edit e : edits) {
            for (int i = e.getBeginB(); i < e.getEndB(); i++) {
                given[i] = false;
            }
        }
        return given;
    }

    private static boolean skipped(String rel) {
        List<String> parts = List.of(rel.split("/"));
        String name = parts.get(parts.size() - 1);
        return parts.stream().anyMatch(SKIPPED_FOLDERS::contains)
                || SKIPPED_FILES.contains(name)
                || name.endsWith(".iml");
    }
}
