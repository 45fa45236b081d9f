package dev.grader.intake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a submission archive ({@code .zip}, {@code .tar.gz}, {@code .tgz}) defensively: an entry whose path
 * leaves the target folder (zip slip: {@code ../}, absolute paths) rejects the archive, as does one nested deeper
 * than {@link #MAX_DEPTH} folders; links (symbolic and hard), devices and FIFOs are never created, and each one
 * dropped is listed in the result (the report shows them as info flags); the number of entries and the bytes
 * written are capped (zip bomb), whatever the archive claims in its headers, since only the bytes actually
 * inflated are counted. A rejection's message names the archive and the offending entry, never the folder it was
 * unpacked into, and is at most {@link #MAX_MESSAGE} characters long.
 */
public final class Archives {

    /** Caps of one unpacking. */
    public record Limits(long maxBytes, int maxEntries) {
        public static final Limits DEFAULT = new Limits(256L * 1024 * 1024, 20_000);
    }

    /** How many folders deep an entry may be. */
    public static final int MAX_DEPTH = 64;
    /** The longest rejection message. */
    public static final int MAX_MESSAGE = 400;

    /** An entry that was not unpacked, and what it is ("a hard link to src/A.java"). */
    public record Dropped(String entry, String what) {}

    private Archives() {}

    public static boolean isArchive(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
    }

    /** The archive's name without its archive suffix: {@code alice.tar.gz} is {@code alice}. */
    public static String baseName(Path file) {
        String n = file.getFileName().toString();
        String lower = n.toLowerCase(java.util.Locale.ROOT);
        for (String suffix : new String[] {".tar.gz", ".tgz", ".zip"}) {
            if (lower.endsWith(suffix)) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }

    /**
     * Unpacks {@code archive} into the empty or missing folder {@code target}; returns the entries it left out
     * (links, devices, FIFOs), in archive order.
     */
    public static List<Dropped> extract(Path archive, Path target, Limits limits) throws SubmissionException {
        String name = archive.getFileName().toString();
        List<Dropped> dropped = new ArrayList<>();
        String current = null;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                ArchiveInputStream<? extends ArchiveEntry> in = open(name, raw)) {
            Files.createDirectories(target);
            Path root = target.toAbsolutePath().normalize();
            long written = 0;
            int entries = 0;
            byte[] buffer = new byte[64 * 1024];
            ArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw rejected(name + ": more than " + limits.maxEntries()
                            + " entries; refused as a possible archive bomb");
                }
                String entryName = e.getName().replace('\\', '/');
                current = entryName;
                int depth = depth(entryName);
                if (depth > MAX_DEPTH) {
                    throw rejected(name + ": entry '" + printable(entryName) + "' is nested " + depth
                            + " folders deep; the limit" + " is " + MAX_DEPTH + "; the archive was not unpacked");
                }
                Path out = root.resolve(entryName).normalize();
                if (entryName.startsWith("/") || !out.startsWith(root) || entryName.contains("\0")) {
                    throw rejected(name + ": entry '" + printable(entryName)
                            + "' points outside the archive's folder (zip slip);" + " the archive was not unpacked");
                }
                String special = special(e);
                if (special != null) {
                    dropped.add(new Dropped(printable(entryName), special));
                    continue; // never created
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (OutputStream os = Files.newOutputStream(out)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        written += n;
                        if (written > limits.maxBytes()) {
                            throw rejected(name + ": unpacks to more than " + (limits.maxBytes() >> 20)
                                    + " MiB; refused as a possible archive bomb");
                        }
                        os.write(buffer, 0, n);
                    }
                }
            }
            if (entries == 0) {
                throw rejected(name + ": the archive is empty or not a " + kind(name) + " archive");
            }
            return dropped;
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null
                    ? f.getReason()
                    : String.valueOf(e.getMessage())
                            .replace(target.toAbsolutePath().normalize().toString(), "")
                            .replace(target.toString(), "");
            throw new SubmissionException(
                    cap(name + ": cannot be unpacked as a " + kind(name) + " archive (" + printable(reason)
                            + (current == null ? "" : ", at entry '" + printable(current) + "'") + ")"),
                    e);
        }
    }

    /** What a link, device or FIFO entry is, or null for a file or folder. */
    private static String special(ArchiveEntry e) {
        if (e instanceof TarArchiveEntry t) {
            if (t.isSymbolicLink()) {
                return "a symbolic link to '" + printable(t.getLinkName()) + "'";
            } else if (t.isLink()) {
                return "a hard link to '" + printable(t.getLinkName()) + "'";
            } else if (t.isCharacterDevice() || t.isBlockDevice()) {
                return "a device file";
            } else if (t.isFIFO()) {
                return "a FIFO (named pipe)";
            } else if (!t.isFile() && !t.isDirectory()) {
                return "neither a file nor a folder";
            }
        }
        if (e instanceof ZipArchiveEntry z && z.isUnixSymlink()) {
            return "a symbolic link";
        }
        return null;
    }

    /** The number of folders an entry's path goes through. */
    private static int depth(String entryName) {
        int depth = 0;
        for (String part : entryName.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return Math.max(0, depth - 1);
    }

    private static SubmissionException rejected(String message) {
        return new SubmissionException(cap(message));
    }

    private static String cap(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static ArchiveInputStream<? extends ArchiveEntry> open(String name, InputStream raw) throws IOException {
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            return new ZipArchiveInputStream(raw, "UTF-8", true, true);
        }
        return new TarArchiveInputStream(new GzipCompressorInputStream(raw, true));
    }

    private static String kind(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") ? "zip" : "tar.gz";
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 120 ? s.substring(0, 120) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
