package dev.grader.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Copies a folder that travels inside the grader (in its jar, or in its classes folder when run from
 * a build) out to a real folder, so a child JVM or the compiler can read it.
 */
public final class BundledTree {

    private BundledTree() {}

    /**
     * Copies the bundled folder that holds {@code anchor} (a resource file), {@code levelsUp} folders
     * above it, to {@code target}, keeping the files whose path relative to that folder {@code include}
     * accepts.
     */
    public static void extract(String anchor, int levelsUp, Predicate<String> include, Path target) {
        URL url = BundledTree.class.getClassLoader().getResource(anchor);
        if (url == null) {
            throw new IllegalStateException("the grader was built without its bundled '" + anchor + "'");
        }
        try {
            URI uri = url.toURI();
            Path file;
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                file = fs.provider().getPath(uri);
            } else {
                file = Paths.get(uri);
            }
            Path root = file.getParent();
            for (int i = 0; i < levelsUp; i++) {
                root = root.getParent();
            }
            copy(root, include, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path source, Predicate<String> include, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String rel = source.relativize(p).toString().replace('\\', '/');
                if (include.test(rel)) {
                    Path out = target.resolve(rel);
                    Files.createDirectories(out.getParent());
                    Files.copy(p, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
