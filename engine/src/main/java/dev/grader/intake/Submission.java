package dev.grader.intake;

import dev.grader.model.Flag;
import dev.grader.model.FlagKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One entry of a batch folder: a project folder (a git work tree is a folder), a {@code .zip} or
 * {@code .tar.gz} archive, a git bundle ({@code .bundle}) or a bare git repository.
 *
 * @param name the name its reports are filed under: the entry's name without archive or git suffix
 */
public record Submission(String name, Path source, Kind kind) {

    /** What an entry is. */
    public enum Kind {
        FOLDER,
        ARCHIVE,
        GIT_BUNDLE,
        GIT_BARE
    }

    /** An entry of the batch folder that is not a submission, and why. */
    public record Ignored(Path path, String reason) {}

    /** The submissions in a batch folder, by name; and what was left out. */
    public record Scan(List<Submission> submissions, List<Ignored> ignored) {}

    private static final Set<String> SKIPPED_FOLDERS = Set.of("__MACOSX", "target", ".git", ".idea");
    private static final long GIT_TIMEOUT_SECONDS = 120;
    /** The folder of the work folder an archive is unpacked into. */
    static final String UNPACKED = "unpacked";
    /** The folder of the work folder a git bundle or bare repository is cloned into. */
    static final String CLONE = "clone";

    /** Every entry of {@code dir}, in name order; hidden entries are ignored silently. */
    public static Scan scan(Path dir) throws IOException {
        List<Submission> found = new ArrayList<>();
        List<Ignored> ignored = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        }
        for (Path p : entries) {
            if (p.getFileName().toString().startsWith(".")) {
                continue;
            }
            if (Files.isSymbolicLink(p)) {
                ignored.add(new Ignored(p, "a symbolic link; give the submission itself"));
                continue;
            }
            Optional<Submission> s = of(p);
            if (s.isEmpty()) {
                ignored.add(new Ignored(p, "not a folder, .zip, .tar.gz, .tgz, .bundle or bare git repository"));
                continue;
            }
            String unique = s.get().name();
            for (int i = 2; !names.add(unique.toLowerCase(Locale.ROOT)); i++) {
                unique = s.get().name() + "-" + i;
            }
            found.add(new Submission(unique, p, s.get().kind()));
        }
        return new Scan(found, ignored);
    }

    /** The submission at {@code p}, or empty when it is none of the kinds. */
    public static Optional<Submission> of(Path p) {
        String file = p.getFileName().toString();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            boolean bare = Files.isRegularFile(p.resolve("HEAD"))
                    && Files.isDirectory(p.resolve("objects"))
                    && Files.isDirectory(p.resolve("refs"));
            String name = bare && file.endsWith(".git") ? file.substring(0, file.length() - 4) : file;
            return Optional.of(new Submission(safeName(name), p, bare ? Kind.GIT_BARE : Kind.FOLDER));
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Archives.isArchive(p)) {
            return Optional.of(new Submission(safeName(Archives.baseName(p)), p, Kind.ARCHIVE));
        }
        if (file.toLowerCase(Locale.ROOT).endsWith(".bundle")) {
            return Optional.of(new Submission(
                    safeName(file.substring(0, file.length() - ".bundle".length())), p, Kind.GIT_BUNDLE));
        }
        return Optional.empty();
    }

    /** A file-system-safe version of a name: letters, digits, {@code . _ -}. */
    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s.isEmpty() ? "submission" : s;
    }

    /** A submission laid out as a project folder, and the flags its unpacking raised (archive entries left out). */
    public record Materialised(Path project, List<Flag> flags) {}

    /** The most archive entries flagged one by one; the rest are counted in one more flag. */
    static final int MAX_DROPPED_FLAGS = 20;

    /**
     * The submission as a project folder: the folder itself, or the archive unpacked / the repository cloned
     * into {@code work}. Descends into a lone top-level folder (archives usually wrap the project in one).
     */
    public Path materialise(Path work) throws SubmissionException {
        return open(work).project();
    }

    /** {@link #materialise(Path)}, with an info flag for each archive entry that was not unpacked. */
    public Materialised open(Path work) throws SubmissionException {
        List<Archives.Dropped> dropped = List.of();
        Path root =
                switch (kind) {
                    case FOLDER -> source;
                    case ARCHIVE -> {
                        Path to = work.resolve(UNPACKED);
                        dropped = Archives.extract(source, to, Archives.Limits.DEFAULT);
                        yield to;
                    }
                    case GIT_BUNDLE, GIT_BARE -> {
                        Path to = work.resolve(CLONE);
                        clone(source, to);
                        yield to;
                    }
                };
        return new Materialised(projectRoot(root), droppedFlags(dropped));
    }

    static List<Flag> droppedFlags(List<Archives.Dropped> dropped) {
        List<Flag> flags = new ArrayList<>();
        for (Archives.Dropped d : dropped.subList(0, Math.min(MAX_DROPPED_FLAGS, dropped.size()))) {
            flags.add(FlagKind.ARCHIVE_ENTRY_DROPPED.flag(
                    d.entry(), null, "the archive entry '" + d.entry() + "' is " + d.what() + "; it was not unpacked"));
        }
        if (dropped.size() > MAX_DROPPED_FLAGS) {
            flags.add(FlagKind.ARCHIVE_ENTRY_DROPPED.flag(
                    null,
                    null,
                    (dropped.size() - MAX_DROPPED_FLAGS)
                            + " more archive entries that are links, devices or FIFOs were not unpacked"));
        }
        return flags;
    }

    static Path projectRoot(Path dir) throws SubmissionException {
        Path current = dir;
        for (int depth = 0; depth < 4; depth++) {
            if (Files.exists(current.resolve("pom.xml")) || Files.isDirectory(current.resolve("src"))) {
                return current;
            }
            List<Path> children;
            try (Stream<Path> s = Files.list(current)) {
                children = s.filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> !SKIPPED_FOLDERS.contains(p.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                throw new SubmissionException("cannot list " + current.getFileName() + ": " + e.getMessage(), e);
            }
            if (children.size() == 1 && Files.isDirectory(children.get(0), LinkOption.NOFOLLOW_LINKS)) {
                current = children.get(0);
            } else {
                break;
            }
        }
        if (!Files.exists(current.resolve("pom.xml")) && !Files.isDirectory(current.resolve("src"))) {
            throw new SubmissionException("no Maven project found (no pom.xml and no src/ folder at its root)");
        }
        return current;
    }

    private static void clone(Path source, Path to) throws SubmissionException {
        ProcessBuilder pb = new ProcessBuilder(
                "git",
                "-c",
                "core.symlinks=false",
                "-c",
                "protocol.allow=never",
                "-c",
                "protocol.file.allow=always",
                "clone",
                "--quiet",
                "--no-hardlinks",
                source.toAbsolutePath().toString(),
                to.toAbsolutePath().toString());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SubmissionException("a git submission needs git on the PATH: " + e.getMessage(), e);
        }
        try (InputStream in = p.getInputStream()) {
            byte[] out = in.readNBytes(4096);
            if (!p.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SubmissionException("git clone took longer than " + GIT_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new SubmissionException("git clone failed: " + new String(out, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new SubmissionException("git clone failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SubmissionException("interrupted while cloning", e);
        }
    }

    /**
     * A digest of the submission's content (file paths and bytes; build output and IDE folders left out), so a
     * re-run can tell whether it changed since it was graded.
     */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (Files.isRegularFile(source)) {
                update(md, source);
            } else {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(source)) {
                    files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .filter(p -> {
                                for (Path part : source.relativize(p)) {
                                    if (SKIPPED_FOLDERS.contains(part.toString()) && kind == Kind.FOLDER) {
                                        return false;
                                    }
                                }
                                return true;
                            })
                            .sorted()
                            .toList();
                }
                for (Path f : files) {
                    md.update(source.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    update(md, f);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void update(MessageDigest md, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
    }
}
