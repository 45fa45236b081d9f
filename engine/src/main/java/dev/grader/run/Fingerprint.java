package dev.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every file under some folders: taken before the test JVM runs and compared after, it shows
 * whether the code under test changed the files the grader relies on (the compiled hidden suites, the
 * runner). Without a container nothing stops a process from writing where its user may; this makes sure
 * such a run cannot count.
 */
record Fingerprint(Map<String, String> files) {

    Fingerprint {
        files = Map.copyOf(files);
    }

    static Fingerprint of(List<Path> roots) {
        Map<String, String> files = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    String name = root.getFileName() + "/"
                            + root.relativize(p).toString().replace('\\', '/');
                    files.put(
                            name, Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? sha256(p) : "not a regular file");
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                files.put(root.getFileName().toString(), "unreadable: " + e.getMessage());
            }
        }
        return new Fingerprint(files);
    }

    /** Paths (each root's name, then the path under it) added, removed or changed since {@code before}, sorted. */
    List<String> changedSince(Fingerprint before) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : before.files.entrySet()) {
            if (!e.getValue().equals(files.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        for (String p : files.keySet()) {
            if (!before.files.containsKey(p)) {
                changed.add(p);
            }
        }
        changed.sort(null);
        return changed;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
