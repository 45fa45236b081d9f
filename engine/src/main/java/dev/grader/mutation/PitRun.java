package dev.grader.mutation;

import dev.grader.build.ClasspathResolver;
import dev.grader.build.JavaCompilation;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.model.InfrastructureException;
import dev.grader.services.ServiceBroker;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.TemporaryFolders;
import dev.grader.workspace.Variants;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs PIT on one exercise's reference solution with its hidden suites: the solution and the suites compiled as a
 * grade compiles them, the exercise's services leased as for a grade (a database for each of PIT's threads: its
 * minions run at once), PIT's command line in a process of its own (its minion JVMs run the hidden tests), its XML
 * report read back.
 */
public final class PitRun {

    /** PIT and its JUnit 5 plugin, resolved from Maven Central once. */
    static final List<String> TOOL =
            List.of("org.pitest:pitest-command-line:1.30.2", "org.pitest:pitest-junit5-plugin:1.2.3");

    private static final long TIMEOUT_MINUTES = 30;

    /**
     * PIT's JVMs, as the grader's test JVMs: the client compiler only and the serial collector. A minion lives for
     * seconds to a minute, too short for the server compiler to pay back the core it takes (cursor-pagination's PIT
     * took 76 s with these, 128 s without).
     */
    static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Grader grader;
    private final ClasspathResolver resolver;
    private final ServiceBroker services;
    private final long seed;

    public PitRun(Grader grader, ClasspathResolver resolver, ServiceBroker services, long seed) {
        this.grader = grader;
        this.resolver = resolver;
        this.services = services;
        this.seed = seed;
    }

    /** PIT's verdicts on {@code exercise}'s reference solution. */
    public PitResult run(Exercise exercise) {
        long started = System.nanoTime();
        Path work = null;
        try {
            work = TemporaryFolders.create("grader-pit-");
            Path solution = Variants.solution(exercise, work.resolve("solution"));
            List<Path> classpath = grader.classpath(exercise);
            Path main = work.resolve("classes/main");
            Path hidden = work.resolve("classes/hidden");
            JavaCompilation.Compiled compiled = Grader.compile(exercise, solution, classpath, main, hidden);
            if (!compiled.main().success() || !compiled.companion().success()) {
                throw new InfrastructureException("the reference solution or its hidden suites do not compile");
            }
            FileTrees.copyOver(solution.resolve("src/main/resources"), main);
            Path report = work.resolve("report");
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            try (MinionServices minions = MinionServices.lease(services, exercise, threads)) {
                runPit(
                        exercise,
                        classpath,
                        main,
                        hidden,
                        solution.resolve("src/main/java"),
                        report,
                        minions.systemProperties(),
                        threads,
                        work.resolve("pit.log"));
            }
            List<PitMutation> mutations = MutationsXml.read(report.resolve("mutations.xml"));
            double seconds = Math.round((System.nanoTime() - started) / 1e7) / 100.0;
            return new PitResult(
                    exercise.id(), mutations, Equivalents.of(exercise.dir()).match(mutations), seconds);
        } catch (IOException e) {
            throw new InfrastructureException("PIT's work folder failed: " + e.getMessage(), e);
        } finally {
            TemporaryFolders.delete(work);
        }
    }

    private void runPit(
            Exercise exercise,
            List<Path> classpath,
            Path main,
            Path hidden,
            Path sources,
            Path report,
            Map<String, String> properties,
            int threads,
            Path log)
            throws IOException {
        List<Path> cp = new ArrayList<>(resolver.resolveTool("pitest", TOOL));
        cp.addAll(classpath);
        cp.add(hidden);
        cp.add(main);
        // The minions' system properties go in an argument file: PIT splits its --jvmArgs at spaces.
        List<String> jvmArgs = new ArrayList<>(List.of("-Dgrader.seed=" + seed));
        jvmArgs.addAll(SHORT_LIVED_JVM);
        // What the minions leave in their temporary folder (a Spring Boot application's Tomcat folders, one pair per
        // start) goes with PIT's work folder.
        jvmArgs.add("-Djava.io.tmpdir=" + Files.createDirectories(log.resolveSibling("tmp")));
        properties.forEach((k, v) -> jvmArgs.add("-D" + k + "=" + v));
        Path argFile = log.resolveSibling("minion.args");
        Files.write(argFile, jvmArgs.stream().map(PitRun::quoted).toList());
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(SHORT_LIVED_JVM);
        cmd.addAll(List.of(
                "-cp",
                String.join(File.pathSeparator, cp.stream().map(Path::toString).toList()),
                "org.pitest.mutationtest.commandline.MutationCoverageReport",
                "--reportDir",
                report.toString(),
                "--targetClasses",
                String.join(
                        ",",
                        classGlobs(
                                main,
                                hidden,
                                exercise.solution().resolve("src/main/java"),
                                exercise.manifest().protectedFiles())),
                "--targetTests",
                String.join(",", packageGlobs(hidden)),
                "--sourceDirs",
                sources.toString(),
                "--outputFormats",
                "XML",
                "--timestampedReports=false",
                "--threads",
                Integer.toString(threads),
                "--jvmArgs",
                "@" + argFile));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new InfrastructureException("PIT did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while PIT ran", e);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(report.resolve("mutations.xml"))) {
            List<String> lines = Files.readAllLines(log);
            throw new InfrastructureException("PIT failed (status " + p.exitValue() + "):\n  "
                    + String.join(
                            "\n  ",
                            lines.stream()
                                    .filter(l -> !l.startsWith("\tat ") && !l.isBlank())
                                    .limit(60)
                                    .toList()));
        }
    }

    /** {@code arg} as one argument of a java launcher's argument file. */
    static String quoted(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The classes of the files the reference solution writes (adds or changes against the starter), with their
     * nested ones: the candidate's work, where a candidate's mistakes are. Not the hidden suites' (even when they
     * share a package), nor the starter's given code, nor the files the manifest protects.
     */
    static List<String> classGlobs(Path main, Path hidden, Path solutionSources, List<String> protectedFiles) {
        TreeSet<String> hiddenNames = new TreeSet<>(classNames(hidden));
        List<PathMatcher> given = protectedFiles.stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                .toList();
        return classNames(main).stream()
                .filter(n -> !n.contains("$") && !hiddenNames.contains(n))
                .filter(n -> Files.isRegularFile(solutionSources.resolve(n.replace('.', '/') + ".java")))
                .filter(n -> given.stream()
                        .noneMatch(g -> g.matches(Path.of("src/main/java/" + n.replace('.', '/') + ".java"))))
                .map(n -> n + "*")
                .toList();
    }

    /** The hidden suites' packages. */
    static List<String> packageGlobs(Path hidden) {
        TreeSet<String> packages = new TreeSet<>();
        for (String n : classNames(hidden)) {
            int dot = n.lastIndexOf('.');
            packages.add((dot < 0 ? "" : n.substring(0, dot + 1)) + "*");
        }
        return List.copyOf(packages);
    }

    private static List<String> classNames(Path root) {
        return FileTrees.files(root, ".class").stream()
                .map(f -> root.relativize(f).toString())
                .map(r -> r.substring(0, r.length() - ".class".length()).replace(File.separatorChar, '.'))
                .sorted()
                .toList();
    }
}
