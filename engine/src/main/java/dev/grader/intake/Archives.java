package dev.grader.intake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a submission archive ({@code .zip}, {@code .tar.gz}, {@code .tgz}) defensively: an entry whose path
 * leaves the target folder (zip slip: {@code ../}, absolute paths) rejects the archive; links and device
 * files are skipped; the number of entries and the bytes written are capped (zip bomb), whatever the archive
 * claims in its headers, since only the bytes actually inflated are counted.
 */
public final class Archives {

  /** Caps of one unpacking. */
  public record Limits(long maxBytes, int maxEntries) {
    public static final Limits DEFAULT = new Limits(256L * 1024 * 1024, 20_000);
  }

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

  /** Unpacks {@code archive} into the empty or missing folder {@code target}. */
  public static void extract(Path archive, Path target, Limits limits) throws SubmissionException {
    String name = archive.getFileName().toString();
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
          throw new SubmissionException(name + ": more than " + limits.maxEntries() + " entries; refused as a possible"
              + " archive bomb");
        }
        String entryName = e.getName().replace('\\', '/');
        Path out = root.resolve(entryName).normalize();
        if (entryName.startsWith("/") || !out.startsWith(root) || entryName.contains("\0")) {
          throw new SubmissionException(name + ": entry '" + printable(entryName) + "' points outside the archive's"
              + " folder (zip slip); the archive was not unpacked");
        }
        if (e instanceof TarArchiveEntry t && (t.isSymbolicLink() || t.isLink() || t.isCharacterDevice()
            || t.isBlockDevice() || t.isFIFO())) {
          continue; // links, devices, fifos: never created
        }
        if (e instanceof ZipArchiveEntry z && z.isUnixSymlink()) {
          continue;
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
              throw new SubmissionException(name + ": unpacks to more than " + (limits.maxBytes() >> 20)
                  + " MiB; refused as a possible archive bomb");
            }
            os.write(buffer, 0, n);
          }
        }
      }
      if (entries == 0) {
        throw new SubmissionException(name + ": the archive is empty or not a " + kind(name) + " archive");
      }
    } catch (IOException e) {
      throw new SubmissionException(name + ": cannot be unpacked as a " + kind(name) + " archive (" + e.getMessage()
          + ")", e);
    }
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
    String cut = s.length() > 120 ? s.substring(0, 120) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
