package dev.grader.run;

import dev.grader.model.GraderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Confines a local test JVM with Linux namespaces a user may create without root ({@code unshare}, util-linux):
 * a mount namespace in which every mount is read-only except the JVM's own work folder, and a PID namespace
 * in which the JVM is process 1, so it sees no other process and everything it starts dies with it. The
 * read-only mounts are made in one user namespace and the JVM runs in a second one nested in it, where they
 * are locked: the code under test cannot remount them writable.
 *
 * <p>Not every machine allows this (user namespaces disabled, or restricted by AppArmor as on Ubuntu 24.04,
 * or a container without the right to create them); {@link #probe()} finds out once per grader process, and
 * the grader then runs unconfined and says so. {@code GRADER_CONFINE=off} turns it off.
 */
final class Confinement {

    /** Environment variable that turns confinement off ({@code off}). */
    static final String SWITCH_ENV = GraderSettings.CONFINE;
    /**
     * Run by {@code sh -c} inside the outer namespaces: $1 is the writable folder, the rest the command. Keeps $1
     * writable (a bind mount of its own, also the working directory), makes every other mount read-only (keeping the flags the kernel locks),
     * then runs the command in a nested user and mount namespace.
     */
    static final String SCRIPT = String.join(
            "\n",
            "W=\"$1\"; shift",
            "mount --bind \"$W\" \"$W\" || exit 97",
            "cd \"$W\" || exit 97", // the working directory on the writable mount, not the one beneath it
            "while read -r _ _ _ _ mp opts _; do",
            "  mp=$(printf '%b' \"$mp\")",
            "  [ \"$mp\" = \"$W\" ] && continue",
            "  case \"$mp\" in /proc|/proc/*) continue;; esac",
            "  flags=ro",
            "  for o in $(echo \"$opts\" | tr , ' '); do",
            "    case $o in nosuid|nodev|noexec|noatime|nodiratime|relatime|strictatime) flags=\"$flags,$o\";; esac",
            "  done",
            // A mount whose mount point is gone cannot be reached: a container's, torn down (unmounted, its folder
            // removed) while the outer namespace copied the machine's mounts.
            "  mount -o \"remount,bind,$flags\" \"$mp\" 2>/dev/null || [ ! -e \"$mp\" ] || case \"$opts\" in ro|ro,*) ;; *) echo \"cannot make $mp read-only\" >&2; exit 98;; esac",
            "done < /proc/self/mountinfo",
            "exec unshare --user --map-root-user --mount -- \"$@\"");

    private static final String UNSHARE = "/usr/bin/unshare";
    private static Confinement probed;

    private final boolean available;
    private final String reason;

    private Confinement(boolean available, String reason) {
        this.available = available;
        this.reason = reason;
    }

    static Confinement unavailable(String reason) {
        return new Confinement(false, reason);
    }

    /**
     * Whether this machine confines, asked once per grader process (a fifth of a second or so, the first time); never
     * when {@code settings} turn confinement off.
     */
    static synchronized Confinement probe(GraderSettings settings) {
        if (!settings.confinement()) {
            return unavailable(SWITCH_ENV + "=off");
        }
        if (probed == null) {
            probed = ask();
        }
        return probed;
    }

    /** Starts {@link #probe} on a thread of its own, so that the answer is ready when the first test JVM starts. */
    static void probeInBackground(GraderSettings settings) {
        Thread t = new Thread(() -> probe(settings), "grader-confinement-probe");
        t.setDaemon(true);
        t.start();
    }

    private static Confinement ask() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return unavailable("Linux namespaces are not available on " + System.getProperty("os.name"));
        }
        if (!Files.isExecutable(Path.of(UNSHARE))) {
            return unavailable(UNSHARE + " (util-linux) is not installed");
        }
        Path dir = null;
        try {
            dir = dev.grader.workspace.TemporaryFolders.create("grader-confine-");
            List<String> cmd = new ArrayList<>(prefix(dir));
            cmd.add("/bin/sh");
            cmd.add("-c");
            cmd.add("echo probe > \"$1/ok\" && ! (echo x > \"$2\") 2>/dev/null");
            cmd.add("probe");
            cmd.add(dir.toString());
            cmd.add(dir.resolveSibling(dir.getFileName() + "-outside").toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return unavailable("unshare did not answer within 10 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() == 0 && Files.isRegularFile(dir.resolve("ok"))) {
                return new Confinement(true, null);
            }
            return unavailable("unshare could not confine a process (status " + p.exitValue()
                    + (out.isEmpty() ? "" : ": " + out.lines().findFirst().orElse("")) + ")");
        } catch (IOException e) {
            return unavailable("unshare could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while trying unshare");
        } finally {
            if (dir != null) {
                dev.grader.workspace.TemporaryFolders.delete(dir);
                dev.grader.workspace.FileTrees.deleteQuietly(dir.resolveSibling(dir.getFileName() + "-outside"));
            }
        }
    }

    boolean available() {
        return available;
    }

    /** Why not, when not available. */
    String reason() {
        return reason;
    }

    /** The command prefix that runs what follows it confined, with {@code writable} its only writable folder. */
    static List<String> prefix(Path writable) {
        return List.of(
                UNSHARE,
                "--user",
                "--map-root-user",
                "--mount",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc",
                "--",
                "/bin/sh",
                "-c",
                SCRIPT,
                "grader-confine",
                writable.toAbsolutePath().toString());
    }
}
