package dev.grader.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds and kills the processes a local test JVM started. While the JVM runs, the processes beneath it (not the
 * confinement's own helpers, which run before it) are noted; at the end the JVM's whole tree is killed, and then,
 * on Linux, every process that still carries the run's marker in its environment: a process that detached from the
 * tree (a double fork, {@code nohup ... &}) keeps it. Each noted process is checked afterwards, so the note says
 * what became of it: it had ended by itself, it was killed, or it is still running. A process that also cleared its
 * environment escapes this; only the container sandbox contains that.
 */
final class ProcessSweep {

    /** Environment variable marking every process of one test JVM run. */
    static final String MARKER_ENV = "GRADER_RUN_ID";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LISTED = 3;
    /** The test JVM's main class: the boot class that starts the runner's module. */
    private static final String CHILD_MAIN = dev.grader.run.boot.RunnerBoot.class.getName();

    /** A process seen under the JVM; {@code aliveAtKill} is set when the grader came to kill it. */
    private static final class Seen {
        final ProcessHandle handle;
        final String command;
        boolean aliveAtKill;
        boolean detached;

        Seen(ProcessHandle handle, String command) {
            this.handle = handle;
            this.command = command;
        }
    }

    private final Process jvm;
    private final String marker;
    private final Map<Long, Seen> seen = new LinkedHashMap<>();
    private boolean killed;

    ProcessSweep(Process jvm, String marker) {
        this.jvm = jvm;
        this.marker = marker;
    }

    static String newMarker() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Notes the processes now beneath the test JVM (not the JVM, nor the wrappers that started it). */
    synchronized void watch() {
        testJvm().ifPresent(j -> j.descendants().forEach(p -> note(p, false)));
    }

    /** The JVM running the tests: the process itself, or the one a confinement wrapper started beneath it. */
    private Optional<ProcessHandle> testJvm() {
        ProcessHandle self = jvm.toHandle();
        if (isTestJvm(self)) {
            return Optional.of(self);
        }
        return jvm.descendants().filter(ProcessSweep::isTestJvm).findFirst();
    }

    /**
     * A {@code java} executable running the runner. The wrappers in front of it (prlimit, unshare, the confinement's
     * shell) carry the runner's name among their arguments too, but are not {@code java}.
     */
    private static boolean isTestJvm(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        boolean java = info.command()
                .map(c -> Path.of(c).getFileName().toString())
                .map(name -> name.equals("java") || name.equals("java.exe"))
                .orElse(false);
        return java
                && info.arguments().map(a -> List.of(a).contains(CHILD_MAIN)).orElse(false);
    }

    private void note(ProcessHandle p, boolean detached) {
        if (p.pid() != jvm.pid() && !isTestJvm(p)) {
            Seen s = seen.computeIfAbsent(p.pid(), pid -> new Seen(p, describe(p)));
            s.detached |= detached;
        }
    }

    /** Command lines seen so far, in order. */
    synchronized List<String> started() {
        return seen.values().stream().map(s -> s.command).toList();
    }

    /** Kills the JVM's tree, then on Linux every process carrying the marker; idempotent. */
    synchronized void killAll() {
        if (killed) {
            return;
        }
        killed = true;
        watch();
        seen.values().forEach(s -> s.aliveAtKill = s.handle.isAlive());
        // Deepest first, each waited for while its parent still lives to reap it: a process whose parent was killed
        // first is left to the machine's init, which on some machines reaps orphans only every second or two. The
        // waits share one deadline, so a tree of unreaped zombies cannot stretch them.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ProcessHandle p : deepestFirst(jvm.descendants().toList())) {
            p.destroyForcibly();
            waitForExit(p, until);
        }
        jvm.destroyForcibly();
        try {
            jvm.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> marked = marked();
            if (marked.isEmpty()) {
                break;
            }
            for (ProcessHandle p : marked) {
                note(p, true);
                Seen s = seen.get(p.pid());
                if (s != null) {
                    s.aliveAtKill = true;
                }
                p.destroyForcibly();
            }
            long markedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            marked.forEach(p -> waitForExit(p, markedUntil));
        }
    }

    /** {@code tree}, each process before its parent. */
    private static List<ProcessHandle> deepestFirst(List<ProcessHandle> tree) {
        Map<Long, Integer> depth = new java.util.HashMap<>();
        for (ProcessHandle p : tree) {
            int d = 0;
            for (Optional<ProcessHandle> up = p.parent();
                    up.isPresent() && d < 64;
                    up = up.get().parent()) {
                d++;
            }
            depth.put(p.pid(), d);
        }
        return tree.stream()
                .sorted(java.util.Comparator.comparing((ProcessHandle p) -> depth.get(p.pid()))
                        .reversed())
                .toList();
    }

    /**
     * Waits until {@code until} (nanoTime) for {@code p} to end, polling: for a process that is not the grader's child the JDK's
     * {@code onExit} notices its end only a few hundred milliseconds late.
     */
    private static void waitForExit(ProcessHandle p, long until) {
        long pause = 1;
        while (p.isAlive() && System.nanoTime() < until) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(20, pause * 2);
        }
    }

    /**
     * What became of the processes the code under test started, checked now (after {@link #killAll()}): null when it
     * started none.
     */
    synchronized String note() {
        if (seen.isEmpty()) {
            return null;
        }
        List<String> commands = started();
        List<String> outcome = new ArrayList<>();
        count(outcome, s -> !s.aliveAtKill, "had ended by itself", "had ended by themselves");
        count(
                outcome,
                s -> s.aliveAtKill && !s.handle.isAlive(),
                "was killed after the run",
                "were killed after the run");
        List<Seen> running =
                seen.values().stream().filter(s -> s.handle.isAlive()).toList();
        if (!running.isEmpty()) {
            outcome.add(running.size() + " " + (running.size() == 1 ? "is" : "are")
                    + " STILL RUNNING, the grader could not"
                    + " kill " + (running.size() == 1 ? "it" : "them") + ": "
                    + String.join(
                            "; ",
                            running.stream()
                                    .map(s -> "pid " + s.handle.pid() + " " + s.command)
                                    .toList()));
        }
        long detached = seen.values().stream().filter(s -> s.detached).count();
        List<String> shown = commands.subList(0, Math.min(MAX_LISTED, commands.size()));
        return "the code under test started " + commands.size() + " process" + (commands.size() == 1 ? "" : "es") + " ("
                + String.join("; ", shown) + (commands.size() > MAX_LISTED ? "; ..." : "") + ")"
                + (detached == 0 ? "" : ", " + detached + " of them detached from the test JVM") + ": "
                + String.join(", ", outcome);
    }

    private void count(List<String> outcome, java.util.function.Predicate<Seen> which, String one, String many) {
        long n = seen.values().stream().filter(which).count();
        if (n > 0) {
            outcome.add(n + " " + (n == 1 ? one : many));
        }
    }

    /** Processes whose environment holds the marker (Linux only: read from /proc). */
    private List<ProcessHandle> marked() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return List.of();
        }
        byte[] needle = ("\0" + MARKER_ENV + "=" + marker + "\0").getBytes(StandardCharsets.US_ASCII);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                long pid;
                try {
                    pid = Long.parseLong(entry.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == self) {
                    continue;
                }
                byte[] env;
                try {
                    env = Files.readAllBytes(entry.resolve("environ"));
                } catch (IOException | SecurityException e) {
                    continue; // gone, or not ours
                }
                if (contains(env, needle)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /** Whether {@code env} (NUL-separated) holds {@code needle}; the first variable has no NUL before it. */
    private static boolean contains(byte[] env, byte[] needle) {
        outer:
        for (int i = -1; i <= env.length - needle.length + 1; i++) {
            for (int j = 0; j < needle.length; j++) {
                int k = i + j;
                byte b = k < 0 || k >= env.length ? 0 : env[k];
                if (b != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String describe(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        String cmd = info.commandLine().orElseGet(() -> info.command().orElse("process " + p.pid()));
        return cmd.length() > 80 ? cmd.substring(0, 77) + "..." : cmd;
    }
}
