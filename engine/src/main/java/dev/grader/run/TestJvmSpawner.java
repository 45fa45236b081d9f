package dev.grader.run;

import dev.grader.model.GraderSettings;
import dev.grader.run.boot.RunnerBoot;
import dev.grader.run.child.ChildMain;
import dev.grader.run.child.StartArgs;
import dev.grader.workspace.BundledTree;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Starts one test JVM for {@link ForkedTestRunner}: the runner's files in the grade's private folder, the class path
 * laid out in an argument file, the command line and the event channel the JVM reports on.
 */
final class TestJvmSpawner {

    /**
     * The test JVM's default time zone: not UTC, and a quarter-hour offset (UTC+12:45, +13:45 in its summer), so that
     * code taking the JVM's zone for UTC, or a local date-time for an instant, shows it as a production server
     * elsewhere would.
     */
    static final String ZONE = "Pacific/Chatham";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestJvmLauncher launcher;
    private final GraderSettings settings;

    /** A spawner starting JVMs with {@code launcher}, given {@code settings.testJvmOptions()} too. */
    TestJvmSpawner(TestJvmLauncher launcher, GraderSettings settings) {
        this.launcher = launcher;
        this.settings = settings;
    }

    /**
     * A fresh copy of the runner per grade in {@code privateDir}: a test JVM that overwrote another grade's runner
     * cannot reach this one. The runner is a module of its own (see RunnerBoot), off the class path; only its boot
     * class is on it.
     */
    static void extractRunner(Path privateDir) throws IOException {
        Path runner = privateDir.resolve("runner");
        String pkg = ChildMain.class.getPackageName().replace('.', '/');
        BundledTree.extract(
                pkg + "/ChildMain.class",
                0,
                rel -> rel.endsWith(".class"),
                runner.resolve(RunnerBoot.MODULE_FOLDER).resolve(pkg));
        String boot = RunnerBoot.class.getPackageName().replace('.', '/');
        BundledTree.extract(
                boot + "/RunnerBoot.class",
                0,
                rel -> rel.endsWith(".class"),
                runner.resolve(RunnerBoot.BOOT_FOLDER).resolve(boot));
    }

    /** A started test JVM with its end of the event channel. */
    record Spawned(EventServer server, String token, TestJvm jvm) implements AutoCloseable {
        @Override
        public void close() {
            jvm.close();
            server.close();
        }
    }

    /**
     * Starts a test JVM for {@code request}: {@code jars} lead its class path, {@code only} (or null for all) the tests
     * it runs, {@code attempt} 0 the first of the run (which may record or use a class archive).
     */
    Spawned spawn(RunRequest request, Path privateDir, List<Path> jars, List<String> only, int attempt) {
        EventServer server = null;
        try {
            Path runner = privateDir.resolve("runner");
            List<Path> readOnly = new ArrayList<>();
            readOnly.add(runner);
            readOnly.addAll(request.classpath());
            // The runner's boot class right after the leading jars (the exercise's libraries), before any folder of
            // compiled
            // classes: nothing the submission compiles can shadow it (nor the runner, which is a module: see
            // RunnerBoot).
            List<String> cp = new ArrayList<>();
            jars.forEach(p -> cp.add(launcher.path(p)));
            cp.add(launcher.path(runner.resolve(RunnerBoot.BOOT_FOLDER)));
            request.classpath().subList(jars.size(), request.classpath().size()).forEach(p -> cp.add(launcher.path(p)));
            // Grader-side files live outside the folder the test JVM works in.
            Path argFile = privateDir.resolve("classpath.args");
            Files.writeString(
                    argFile, "-cp \"" + String.join(File.pathSeparator, cp).replace("\\", "\\\\") + "\"\n");
            readOnly.add(argFile);
            server = launcher.openChannel(privateDir);
            String token = token();
            List<String> cmd = new ArrayList<>(List.of(
                    launcher.java(),
                    "-Xmx" + request.maxHeap(),
                    "-Xss1m",
                    // C1 only: a test run is seconds long, over before C2's optimised code would pay for its compiling
                    // (which
                    // costs every run about a tenth of its processor time, and more when grades run side by side).
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-UsePerfData",
                    "-Xshare:auto",
                    "-Dfile.encoding=UTF-8",
                    "-Duser.timezone=" + ZONE,
                    "-Djava.io.tmpdir=" + launcher.path(request.workDir().resolve("tmp")),
                    "-Djava.awt.headless=true"));
            if (attempt == 0
                    && request.coverage()
                            == null) { // a restart after a timeout neither records nor waits on a recording
                cmd.addAll(launcher.classArchiveOptions(jars, classList(request)));
            }
            if (request.coverage() != null) {
                RunRequest.Coverage c = request.coverage();
                readOnly.add(c.agentJar());
                // The runner asks the agent to write before it halts the JVM (shutdown hooks, where the agent would,
                // never run).
                cmd.add("-javaagent:" + launcher.path(c.agentJar()) + "=destfile=" + launcher.path(c.execFile())
                        + ",includes=" + c.includes() + ",dumponexit=false,inclnolocationclasses=false");
            }
            cmd.addAll(settings.testJvmOptions());
            request.systemProperties()
                    .forEach((k, v) -> cmd.add("-D" + k + "=" + launcher.propertyValue(v, request.workDir())));
            // Last, so that nothing above overrides them. System properties come before junit-platform.properties files
            // (the submission's resources may hold one) when JUnit's launcher decides whether to load interceptors.
            cmd.add("-Djunit.platform.launcher.interceptors.enabled=false");
            // No agent can be attached to the test JVM from a process its code starts (an agent can rewrite the
            // runner).
            cmd.add("-XX:+DisableAttachMechanism");
            cmd.add("@" + launcher.path(argFile));
            cmd.add(RunnerBoot.class.getName());
            String selection = null;
            if (only != null) {
                Path file = privateDir.resolve("selection-" + attempt + ".txt");
                Files.write(file, only);
                readOnly.add(file);
                selection = launcher.path(file);
            }
            String variants = null;
            if (!request.variants().isEmpty()) {
                Path file = privateDir.resolve("variants.txt");
                List<String> lines = new ArrayList<>();
                for (RunRequest.Variant v : request.variants()) {
                    readOnly.addAll(v.classpath());
                    lines.add(v.name() + "\t"
                            + String.join(
                                    "\t",
                                    v.classpath().stream().map(launcher::path).toList()));
                }
                Files.write(file, lines);
                readOnly.add(file);
                variants = launcher.path(file);
            }
            String tests = null;
            if (!request.onlyTests().isEmpty()) {
                Path file = privateDir.resolve("tests.txt");
                Files.write(file, request.onlyTests());
                readOnly.add(file);
                tests = launcher.path(file);
            }
            cmd.addAll(new StartArgs(
                            server.childAddress(),
                            launcher.path(request.hiddenClasses()),
                            request.perTest().toMillis(),
                            ForkedTestRunner.OUTPUT_CAP_PER_TEST,
                            ForkedTestRunner.OUTPUT_LIMIT,
                            ForkedTestRunner.THREAD_LIMIT,
                            selection,
                            request.coverage() != null,
                            variants,
                            request.parallel().classes(),
                            request.parallel().isolated(),
                            tests)
                    .encode());
            TestJvm jvm = launcher.start(new JvmLaunch(
                    cmd,
                    request.workDir(),
                    // Once each: variants share their tests' folders, and a container mounts a path once only.
                    List.copyOf(new java.util.LinkedHashSet<>(readOnly)),
                    server.socketDir(),
                    token,
                    memoryBytes(request.maxHeap()),
                    request.network(),
                    request.coverage() == null
                            ? List.of()
                            : List.of(request.coverage().execFile().getParent())));
            return new Spawned(server, token, jvm);
        } catch (IOException e) {
            if (server != null) {
                server.close();
            }
            throw new UncheckedIOException("cannot start the test JVM: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    /** Where a test JVM may record the classes it loaded (see {@link ClassArchive}): in its own work folder. */
    static Path classList(RunRequest request) {
        return request.workDir().resolve("tmp").resolve("loaded-classes.txt");
    }

    /** {@code 256m} to bytes. */
    static long memoryBytes(String option) {
        String s = option.trim().toLowerCase(Locale.ROOT);
        long unit =
                switch (s.charAt(s.length() - 1)) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> 1L << 30;
                    default -> 1;
                };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    /** A one-time token the test JVM presents on the event channel. */
    private static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
