package dev.grader.support.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A PostgreSQL data directory as {@code initdb} left it, kept in the user's cache so that later server starts
 * copy it (tens of milliseconds) instead of running {@code initdb} again (about a second of processor time).
 * One per set of initdb options, operating system and architecture, and binaries jar; a template the binaries
 * cannot start from (changed in place, or damaged) is discarded and made anew by the caller.
 *
 * <p>Saved by writing a copy beside the final folder and renaming it into place, so a template that exists is
 * complete, and two processes saving at once do no harm.
 */
final class DataTemplate {

    /** Environment variable with the grader's cache folder (default {@code ~/.cache/grader}). */
    static final String ENV_CACHE = "GRADER_CACHE";
    /** Files of a data directory that belong to one server's run, never to a template. */
    private static final Set<String> RUN_FILES = Set.of("epg-lock", "postmaster.pid", "postmaster.opts");

    private final Path dir;

    DataTemplate(Path dir) {
        this.dir = dir;
    }

    /** The template for these initdb options in the user's cache. */
    static DataTemplate inCache(String initdbOptions) {
        String env = System.getenv(ENV_CACHE);
        Path cache = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "grader");
        return new DataTemplate(cache.resolve("postgres-data").resolve(key(initdbOptions)));
    }

    /** Names the template: the options initdb ran with, the platform, and the PostgreSQL binaries that ran it. */
    static String key(String initdbOptions) {
        String text = String.join(
                "\n", initdbOptions, System.getProperty("os.name"), System.getProperty("os.arch"), binaries());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Which PostgreSQL binaries zonky runs (the name of the jar holding {@code postgres-<os>-<arch>.txz}, and the
     * entry), found the way zonky's default resolver finds them; empty when there are none (zonky then fails anyway).
     */
    static String binaries() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : "linux";
        String hardware = System.getProperty("os.arch", "");
        String arch;
        String distribution;
        try {
            arch = ArchUtils.normalize("amd64".equals(hardware) ? "x86_64" : hardware);
            distribution = LinuxUtils.getDistributionName();
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
        ClassLoader loader = EmbeddedPostgres.class.getClassLoader();
        List<String> names = new ArrayList<>();
        if (distribution != null) {
            names.add(String.format("postgres-%s-%s-%s.txz", system, arch, distribution));
        }
        names.add(String.format("postgres-%s-%s.txz", system, arch));
        for (String name : names) {
            URL found = loader.getResource(name.replace(' ', '_').toLowerCase(Locale.ROOT));
            if (found
                    != null) { // the jar's name (artifact and version), not its folder: every clone shares one template
                String url = found.toString();
                int entry = url.lastIndexOf("!/");
                return url.substring(url.lastIndexOf('/', entry < 0 ? url.length() : entry) + 1);
            }
        }
        return "";
    }

    Path dir() {
        return dir;
    }

    boolean exists() {
        return Files.isRegularFile(dir.resolve("PG_VERSION"));
    }

    /** Copies the template into the empty folder {@code dataDir}. */
    void copyTo(Path dataDir) throws IOException {
        copyTree(dir, dataDir);
    }

    /**
     * Keeps a copy of {@code initialised} (a data directory initdb just made, its server not started yet) as the
     * template, unless one exists. Best effort: a cache that cannot be written only costs the next start initdb.
     */
    void save(Path initialised) {
        if (exists()) {
            return;
        }
        Path staging = dir.resolveSibling(dir.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir.getParent());
            copyTree(initialised, staging);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            // another process saved it first, or the cache cannot rename atomically: no template from us
        } catch (IOException | UncheckedIOException e) {
            // best effort
        } finally {
            deleteTree(staging);
        }
    }

    /** Removes the template (one the binaries could not start from). */
    void discard() {
        Path doomed = dir.resolveSibling(dir.getFileName() + ".discarded-" + UUID.randomUUID());
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return; // gone already, or another process is on it
        }
        deleteTree(doomed);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                if (rel.getNameCount() == 1 && RUN_FILES.contains(rel.toString())) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    try {
                        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(p)); // initdb's 0700
                    } catch (UnsupportedOperationException notPosix) {
                        // Windows: no modes to keep
                    }
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // what is left is in a temporary folder
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // as above
        }
    }
}
