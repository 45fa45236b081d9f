package dev.grader.workspace;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Applies unified diffs (as written by {@code diff -u} or {@code git diff}) to a project folder. */
public final class Patches {

    private Patches() {}

    /** Applies {@code patchFile} to the files under {@code projectRoot}. */
    public static void apply(Path patchFile, Path projectRoot) throws IOException {
        UnifiedDiff diff;
        try (InputStream in = Files.newInputStream(patchFile)) {
            diff = UnifiedDiffReader.parseUnifiedDiff(in);
        } catch (RuntimeException e) {
            throw new IOException(patchFile + ": not a unified diff: " + e.getMessage(), e);
        }
        if (diff.getFiles().isEmpty()) {
            throw new IOException(patchFile + ": holds no file changes");
        }
        for (UnifiedDiffFile file : diff.getFiles()) {
            String from = strip(file.getFromFile());
            String to = strip(file.getToFile());
            Path target = resolveInside(projectRoot, to == null ? from : to, patchFile);
            Path source = from == null ? null : resolveInside(projectRoot, from, patchFile);
            List<String> original = source != null && Files.exists(source)
                    ? Files.readAllLines(source, StandardCharsets.UTF_8)
                    : new ArrayList<>();
            List<String> patched;
            try {
                patched = DiffUtils.patch(original, file.getPatch());
            } catch (PatchFailedException e) {
                throw new IOException(
                        patchFile + ": does not apply to " + (from == null ? to : from) + ": " + e.getMessage(), e);
            }
            if (to == null) {
                Files.deleteIfExists(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.write(target, patched, StandardCharsets.UTF_8);
            }
        }
    }

    private static Path resolveInside(Path root, String relative, Path patchFile) throws IOException {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root.normalize())) {
            throw new IOException(patchFile + ": path '" + relative + "' points outside the project");
        }
        return resolved;
    }

    /** {@code a/src/X.java\t2026-01-01} to {@code src/X.java}; {@code /dev/null} to null. */
    static String strip(String name) {
        if (name == null) {
            return null;
        }
        String s = name.trim();
        int tab = s.indexOf('\t');
        if (tab >= 0) {
            s = s.substring(0, tab).trim();
        }
        if (s.equals("/dev/null") || s.isEmpty()) {
            return null;
        }
        if (s.startsWith("a/") || s.startsWith("b/")) {
            s = s.substring(2);
        }
        return s;
    }
}
