package dev.grader.build;

import dev.grader.model.Diagnostic;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sources a compile is given from a submission's tree, and what is refused before the compiler reads anything:
 * links out of the submission, too many or too large files, files that are not UTF-8.
 */
final class SourceChecks {

    private SourceChecks() {}

    /** The tree's sources (links inside the submission included), and why any were refused. */
    record Gathered(List<Path> sources, List<Diagnostic> refused) {}

    static Gathered gather(Path sourceRoot, Path projectRoot) {
        List<Diagnostic> refused = new ArrayList<>();
        if (Files.isSymbolicLink(sourceRoot)) {
            refused.add(
                    new Diagnostic(
                            display(sourceRoot, projectRoot),
                            0,
                            0,
                            "is a symbolic link; the grader does not follow links out of the submission: put the sources there"));
            return new Gathered(List.of(), refused);
        }
        List<Path> sources = new ArrayList<>(FileTrees.files(sourceRoot, ".java"));
        for (Path link : FileTrees.links(sourceRoot)) {
            Optional<Path> inside = FileTrees.targetInside(link, projectRoot);
            if (inside.isPresent() && link.getFileName().toString().endsWith(".java")) {
                sources.add(link);
            } else if (inside.isEmpty()) {
                refused.add(
                        new Diagnostic(
                                display(link, projectRoot),
                                0,
                                0,
                                "is a symbolic link to " + linkTarget(link)
                                        + ", outside the submission (or to a folder, or to nothing); the grader does not follow it"));
            }
        }
        if (sources.size() > JavaCompilation.MAX_SOURCE_FILES) {
            refused.add(new Diagnostic(
                    null,
                    0,
                    0,
                    "the submission holds " + sources.size() + " source files; at most "
                            + JavaCompilation.MAX_SOURCE_FILES + " are compiled"));
        }
        long total = 0;
        for (Path source : sources) {
            long size = size(source);
            total += size;
            if (size > JavaCompilation.MAX_SOURCE_BYTES) {
                refused.add(new Diagnostic(
                        display(source, projectRoot),
                        0,
                        0,
                        "is " + human(size) + "; source files over " + human(JavaCompilation.MAX_SOURCE_BYTES)
                                + " are refused"));
            } else if (refused.size() < JavaCompilation.MAX_DIAGNOSTICS) {
                Diagnostic encoding = checkUtf8(source, projectRoot);
                if (encoding != null) {
                    refused.add(encoding);
                }
            }
        }
        if (total > JavaCompilation.MAX_TOTAL_SOURCE_BYTES) {
            refused.add(new Diagnostic(
                    null,
                    0,
                    0,
                    "the submission's sources total " + human(total) + "; at most "
                            + human(JavaCompilation.MAX_TOTAL_SOURCE_BYTES) + " are compiled"));
        }
        return new Gathered(sources, refused);
    }

    /** A diagnostic for the first byte of {@code source} that is not UTF-8, or null when it all is. */
    static Diagnostic checkUtf8(Path source, Path projectRoot) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (IOException e) {
            return new Diagnostic(display(source, projectRoot), 0, 0, "cannot be read: " + e.getMessage());
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            return null;
        }
        int at = in.position();
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Diagnostic(
                display(source, projectRoot),
                line,
                at - lineStart + 1,
                String.format(
                        Locale.ROOT,
                        "is not valid UTF-8 (byte 0x%02X); the grader reads sources as UTF-8: save the file as UTF-8",
                        bytes[at] & 0xff));
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "an unreadable target";
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String human(long bytes) {
        return bytes >= 1 << 20
                ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20))
                : String.format(Locale.ROOT, "%d KiB", bytes >> 10);
    }

    static String display(Path file, Path root) {
        Path p = file.toAbsolutePath().normalize();
        Path r = root == null ? null : root.toAbsolutePath().normalize();
        return r != null && p.startsWith(r)
                ? r.relativize(p).toString().replace('\\', '/')
                : p.getFileName().toString();
    }
}
