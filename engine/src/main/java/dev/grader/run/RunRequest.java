package dev.grader.run;

import static java.util.Objects.requireNonNull;

import dev.grader.exercise.Parallelism;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One forked run: the classpath of the test JVM (dependencies, hidden suites, submission), the hidden classes
 * to scan, the limits, the system properties known when the JVM starts, and whether its code needs the network
 * (a database server; a container sandbox cuts it off otherwise).
 *
 * @param coverage the JaCoCo agent to run the tests under and where it writes, or null (no coverage measured)
 * @param variants the variants to run the tests of {@code hiddenClasses} against, each in a class loader of its own
 *     (its {@link Variant#classpath} and the tests), one after the other; empty: the tests run on {@code classpath}
 *     (which then holds the code under test)
 * @param parallel how many test classes run at once and which run alone (ignored with {@code variants}: the candidate's
 *     own tests, never known to be safe to run in parallel, run one class after another)
 * @param onlyTests the hidden tests to run ({@code SimpleClassName.method}), no other; empty: all of them
 */
public record RunRequest(
        List<Path> classpath,
        Path hiddenClasses,
        Path workDir,
        Duration perTest,
        Duration wholeRun,
        String maxHeap,
        Map<String, String> systemProperties,
        boolean network,
        Coverage coverage,
        List<Variant> variants,
        Parallelism parallel,
        List<String> onlyTests) {

    public RunRequest {
        requireNonNull(hiddenClasses, "hiddenClasses");
        requireNonNull(workDir, "workDir");
        classpath = List.copyOf(classpath);
        systemProperties = Map.copyOf(systemProperties);
        variants = variants == null ? List.of() : List.copyOf(variants);
        parallel = parallel == null || !variants.isEmpty() ? Parallelism.SEQUENTIAL : parallel;
        onlyTests = onlyTests == null ? List.of() : List.copyOf(onlyTests);
    }

    /** Every hidden test, {@code parallel} classes at once. */
    public RunRequest(
            List<Path> classpath,
            Path hiddenClasses,
            Path workDir,
            Duration perTest,
            Duration wholeRun,
            String maxHeap,
            Map<String, String> systemProperties,
            boolean network,
            Coverage coverage,
            List<Variant> variants,
            Parallelism parallel) {
        this(
                classpath,
                hiddenClasses,
                workDir,
                perTest,
                wholeRun,
                maxHeap,
                systemProperties,
                network,
                coverage,
                variants,
                parallel,
                List.of());
    }

    /** The same run, its test classes one after another. */
    public RunRequest oneClassAtATime() {
        return new RunRequest(
                classpath,
                hiddenClasses,
                workDir,
                perTest,
                wholeRun,
                maxHeap,
                systemProperties,
                network,
                coverage,
                variants,
                Parallelism.SEQUENTIAL,
                onlyTests);
    }

    /** One test class after another. */
    public RunRequest(
            List<Path> classpath,
            Path hiddenClasses,
            Path workDir,
            Duration perTest,
            Duration wholeRun,
            String maxHeap,
            Map<String, String> systemProperties,
            boolean network,
            Coverage coverage,
            List<Variant> variants) {
        this(
                classpath,
                hiddenClasses,
                workDir,
                perTest,
                wholeRun,
                maxHeap,
                systemProperties,
                network,
                coverage,
                variants,
                Parallelism.SEQUENTIAL);
    }

    /** A run without coverage. */
    public RunRequest(
            List<Path> classpath,
            Path hiddenClasses,
            Path workDir,
            Duration perTest,
            Duration wholeRun,
            String maxHeap,
            Map<String, String> systemProperties,
            boolean network) {
        this(
                classpath,
                hiddenClasses,
                workDir,
                perTest,
                wholeRun,
                maxHeap,
                systemProperties,
                network,
                null,
                List.of(),
                Parallelism.SEQUENTIAL);
    }

    /**
     * One variant of the code under test: its name (a test's id in the outcome starts {@code [variant:NAME]/}) and the
     * folders its class loader reads, the tests' folder first.
     */
    public record Variant(String name, List<Path> classpath) {
        public Variant {
            requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("a variant's name is letters, digits, '.', '_' and '-': " + name);
            }
            classpath = List.copyOf(classpath);
        }

        /** The prefix of this variant's test ids. */
        public String idPrefix() {
            return "[variant:" + name + "]/";
        }
    }

    /**
     * Coverage of a run: the JaCoCo agent jar ({@code jacocoagent.jar}), the exec file it writes (inside the run's
     * work folder, the only place the test JVM may write) and the classes it measures ({@code includes}, JaCoCo's
     * wildcard syntax, e.g. {@code com.acme.*}).
     */
    public record Coverage(Path agentJar, Path execFile, String includes) {
        public Coverage {
            requireNonNull(agentJar, "agentJar");
            requireNonNull(execFile, "execFile");
            requireNonNull(includes, "includes");
        }
    }
}
