package dev.grader.similarity;

import dev.grader.model.SimilarityEvidence.OtherKind;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The folders JPlag reads, laid out under one work folder: {@code submissions/} (the batch, compared pairwise),
 * {@code old/} (the reference and known solutions, compared with the batch only) and {@code base/} (the starter).
 * Each candidate gets a folder with a neutral name ({@code s0001}, {@code reference}, {@code k0001}) holding only its
 * regular {@code .java} files (no links, none larger than {@link #MAX_FILE_BYTES}, at most {@link #MAX_FILES} files and
 * {@link #MAX_BYTES} bytes).
 */
final class Layout {

    static final long MAX_FILE_BYTES = 512 * 1024;
    /** The most Java files and bytes copied per candidate (the grader refuses larger submissions anyway). */
    static final int MAX_FILES = 2000;

    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final Path root;
    private final Map<String, Candidate> byFolder = new LinkedHashMap<>();
    private boolean hasOld;
    private boolean hasBase;

    private Layout(Path root) {
        this.root = root;
    }

    /** Lays out the candidates under {@code root} (which must exist and be empty). */
    static Layout of(Path root, Path starterSources, List<Candidate> candidates) throws IOException {
        Layout layout = new Layout(root);
        Files.createDirectories(layout.submissions());
        Files.createDirectories(layout.old());
        layout.hasBase = starterSources != null && copyJava(starterSources, layout.base()) > 0;
        int s = 0;
        int k = 0;
        for (Candidate c : candidates) {
            String folder =
                    switch (c.kind()) {
                        case SUBMISSION -> String.format(Locale.ROOT, "s%04d", ++s);
                        case REFERENCE -> "reference";
                        case KNOWN -> String.format(Locale.ROOT, "k%04d", ++k);
                    };
            Path parent = c.kind() == OtherKind.SUBMISSION ? layout.submissions() : layout.old();
            if (copyJava(c.sources(), parent.resolve(folder)) > 0) {
                layout.byFolder.put(folder, c);
                layout.hasOld |= c.kind() != OtherKind.SUBMISSION;
            }
        }
        return layout;
    }

    private static int copyJava(Path from, Path to) throws IOException {
        int copied = 0;
        long bytes = 0;
        for (Path file : FileTrees.files(from, ".java")) {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (copied >= MAX_FILES || bytes + size > MAX_BYTES) {
                break;
            }
            bytes += size;
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
            copied++;
        }
        return copied;
    }

    Path root() {
        return root;
    }

    Path submissions() {
        return root.resolve("submissions");
    }

    Path old() {
        return root.resolve("old");
    }

    Path base() {
        return root.resolve("base");
    }

    boolean hasOld() {
        return hasOld;
    }

    boolean hasBase() {
        return hasBase;
    }

    /** The candidate laid out in {@code folder}, or null. */
    Candidate candidate(String folder) {
        return byFolder.get(folder);
    }

    /** The copied source file {@code file} (relative) of the candidate in {@code folder}. */
    Path file(String folder, String file) {
        Candidate c = byFolder.get(folder);
        Path parent = c != null && c.kind() == OtherKind.SUBMISSION ? submissions() : old();
        return parent.resolve(folder).resolve(file);
    }

    /** How many submissions of the batch have Java sources to compare. */
    long submissionCount() {
        return byFolder.values().stream()
                .filter(c -> c.kind() == OtherKind.SUBMISSION)
                .count();
    }

    /** How many candidates have Java sources to compare. */
    int size() {
        return byFolder.size();
    }
}
