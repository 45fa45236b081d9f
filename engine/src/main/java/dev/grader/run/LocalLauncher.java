package dev.grader.run;

import dev.grader.model.GraderSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts the test JVM as a local process (the default sandbox, {@link Sandbox#NONE}). Besides the JVM's own
 * limits it applies what the operating system allows without root: on Linux, through {@code prlimit}, no
 * core dumps, no file larger than {@value #FILE_SIZE_LIMIT_MIB} MiB and at most {@value #OPEN_FILES} open
 * files; and, where user namespaces are allowed, {@link Confinement} (a read-only file system but for its
 * work folder, a process namespace of its own). The JVM gets a short environment (no secrets of the
 * grader's), and a marker in it that lets the grader find and kill processes it started even after they
 * left its process tree.
 */
final class LocalLauncher implements TestJvmLauncher {

    static final int FILE_SIZE_LIMIT_MIB = 512;
    static final int OPEN_FILES = 4096;
    /** Environment variables the test JVM keeps from the grader's; everything else is dropped. */
    static final Set<String> KEPT_ENVIRONMENT = Set.of(
            "PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "HOME", "USER", "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT");

    private final String java;
    private final List<String> limits;
    private final Confinement confinement;
    /** Class data sharing for the test JVMs; null when off. */
    private final ClassArchive archive;

    LocalLauncher(GraderSettings settings) {
        this(null, settings);
    }

    /**
     * A launcher whose test JVMs share a class archive kept in {@code cacheDir} (none when null or when
     * {@code settings} turn it off), confined unless {@code settings} turn that off.
     */
    LocalLauncher(Path cacheDir, GraderSettings settings) {
        this(javaCommand(), osLimits(), Confinement.probe(settings), cacheDir, settings);
    }

    LocalLauncher(String java, List<String> limits, Confinement confinement) {
        this(java, limits, confinement, null, GraderSettings.defaults());
    }

    LocalLauncher(String java, List<String> limits, Confinement confinement, Path cacheDir, GraderSettings settings) {
        this.java = java;
        this.limits = List.copyOf(limits);
        this.confinement = confinement;
        this.archive = ClassArchive.in(cacheDir, java, settings);
    }

    /** The {@code java} of the JDK the grader runs on. */
    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The {@code prlimit} prefix on Linux when the tool is there; nothing elsewhere. */
    static List<String> osLimits() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return List.of();
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path prlimit = Path.of(dir, "prlimit");
            if (Files.isExecutable(prlimit)) {
                return List.of(
                        prlimit.toString(),
                        "--core=0",
                        "--fsize=" + ((long) FILE_SIZE_LIMIT_MIB << 20),
                        "--nofile=" + OPEN_FILES + ":" + OPEN_FILES,
                        "--");
            }
        }
        return List.of();
    }

    @Override
    public String java() {
        return java;
    }

    @Override
    public String path(Path hostPath) {
        return hostPath.toString();
    }

    @Override
    public EventServer openChannel(Path privateDir) throws IOException {
        return EventServer.tcp();
    }

    @Override
    public List<String> classArchiveOptions(List<Path> libraries, Path record) {
        return archive == null ? List.of() : archive.options(libraries, record);
    }

    @Override
    public void ended(List<Path> libraries, Path record, boolean completed) {
        if (archive != null) {
            archive.recorded(libraries, record, completed);
        }
    }

    @Override
    public TestJvm start(JvmLaunch launch) throws IOException {
        List<String> cmd = new ArrayList<>(limits);
        if (confinement.available()) {
            cmd.addAll(Confinement.prefix(launch.workDir()));
        }
        cmd.addAll(launch.command());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(launch.workDir().toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> !KEPT_ENVIRONMENT.contains(k.toUpperCase(Locale.ROOT)));
        String marker = ProcessSweep.newMarker();
        env.put(ProcessSweep.MARKER_ENV, marker);
        env.put("TMPDIR", launch.workDir().resolve("tmp").toString());
        Process process = pb.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((launch.token() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the JVM died at once; the run reports how it ended
        }
        return new LocalJvm(process, new ProcessSweep(process, marker));
    }

    @Override
    public String description() {
        String base = confinement.available()
                ? "local process, confined (Linux namespaces: read-only file system but for its work folder, own process namespace)"
                : "local process, not confined (" + confinement.reason() + ")";
        return limits.isEmpty()
                ? base
                : base + ", OS limits (no core dumps, files up to " + FILE_SIZE_LIMIT_MIB + " MiB, " + OPEN_FILES
                        + " open files)";
    }

    @Override
    public String warning() {
        return confinement.available()
                ? null
                : "the test JVM ran without file-system confinement ("
                        + confinement.reason()
                        + "): the code under test could read and write whatever the grader's user may;"
                        + " use --sandbox docker to grade untrusted code (SECURITY.md)";
    }

    @Override
    public void close() {
        if (archive != null) {
            archive.close();
        }
    }

    /** A local test JVM. */
    private static final class LocalJvm implements TestJvm {
        private final Process process;
        private final ProcessSweep sweep;
        private final CappedSink stdout;
        private final CappedSink stderr;

        LocalJvm(Process process, ProcessSweep sweep) {
            this.process = process;
            this.sweep = sweep;
            this.stdout =
                    new CappedSink(process.getInputStream(), ForkedTestRunner.PROCESS_OUTPUT_CAP, "test-jvm-stdout");
            this.stderr =
                    new CappedSink(process.getErrorStream(), ForkedTestRunner.PROCESS_OUTPUT_CAP, "test-jvm-stderr");
        }

        @Override
        public CappedSink stdout() {
            return stdout;
        }

        @Override
        public CappedSink stderr() {
            return stderr;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public Integer waitFor(long millis) {
            try {
                if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                    return process.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public void watch() {
            sweep.watch();
        }

        @Override
        public String processNote() {
            return sweep.note();
        }

        @Override
        public void close() {
            sweep.killAll();
        }
    }
}
