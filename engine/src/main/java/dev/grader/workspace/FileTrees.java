package dev.grader.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Copying, listing and deleting folder trees without following links out of them. */
public final class FileTrees {

    /** Folders never copied out of a project: build output and version control. */
    private static final Set<String> SKIPPED = Set.of("target", ".git", ".idea", ".gradle", "node_modules");

    private FileTrees() {}

    /** Copies {@code from} over {@code to}, replacing files that exist; build output and links are skipped. */
    public static void copyOver(Path from, Path to) throws IOException {
        TemporaryFolders.stopHereIfExiting();
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && SKIPPED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Copies the project {@code from} into the new folder {@code to}, a copy of its own that nothing else refers to:
     * regular files are copied (a hard link becomes a file of its own), a symbolic link is copied as the link it is
     * (never followed), build output and version control are left out, as is anything else (devices, FIFOs,
     * sockets) and what the grader's user may not read. Returns {@code to}.
     */
    public static Path copyPrivate(Path from, Path to) throws IOException {
        TemporaryFolders.stopHereIfExiting();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && SKIPPED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                try {
                    if (attrs.isRegularFile()) {
                        Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
                    } else if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                    }
                } catch (java.nio.file.AccessDeniedException e) {
                    // unreadable: left out, as the compiler and the review would not have read it either
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.AccessDeniedException) {
                    return FileVisitResult.CONTINUE; // an unreadable folder: left out
                }
                throw e;
            }
        });
        return to;
    }

    /** Regular files under {@code root} whose name ends with {@code suffix}, sorted; links are not followed. */
    public static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Symbolic links under {@code root} (not followed), sorted; empty when {@code root} is not a folder. */
    public static List<Path> links(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isSymbolicLink).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where {@code link} finally points, when that is a regular file inside {@code root} (both with all links
     * resolved); empty when it points outside, nowhere, or at something else.
     */
    public static java.util.Optional<Path> targetInside(Path link, Path root) {
        try {
            Path target = link.toRealPath();
            Path realRoot = root.toRealPath();
            return target.startsWith(realRoot) && Files.isRegularFile(target)
                    ? java.util.Optional.of(target)
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Deletes a tree; best effort, never throws. */
    public static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        } catch (IOException | UncheckedIOException e) {
            // fall through: delete what was listed
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort
            }
        }
    }
}
