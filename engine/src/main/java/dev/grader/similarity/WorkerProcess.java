package dev.grader.similarity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.model.InfrastructureException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts the similarity worker (JPlag, GPL-3.0) in a JVM of its own with its own class path, and reads the JSON it
 * prints. The grader never loads JPlag's classes: the two talk only through arguments and that JSON.
 */
final class WorkerProcess {

    static final String MAIN = "dev.grader.similarity.worker.SimilarityWorker";
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<Path> classpath;
    private final Duration timeout;

    WorkerProcess(List<Path> classpath, Duration timeout) {
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("the similarity worker's class path is empty");
        }
        this.classpath = List.copyOf(classpath);
        this.timeout = timeout;
    }

    /** Runs JPlag over {@code layout}'s folders; pairs below {@code threshold} percent are left out. */
    WorkerResult run(Layout layout, double threshold) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(MAIN);
        command.add("--submissions");
        command.add(layout.submissions().toString());
        if (layout.hasOld()) {
            command.add("--old");
            command.add(layout.old().toString());
        }
        if (layout.hasBase()) {
            command.add("--base");
            command.add(layout.base().toString());
        }
        command.add("--threshold");
        command.add(String.format(Locale.ROOT, "%.3f", threshold));
        Path stdout = layout.root().resolve("worker.json");
        Path stderr = layout.root().resolve("worker.err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InfrastructureException(
                        "the similarity worker did not finish in " + timeout.toSeconds() + " s");
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly(); // timed out, or this thread was interrupted: the worker never outlives the
                // grader's wait
            }
        }
        if (p.exitValue() != 0) {
            String err = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            throw new InfrastructureException("the similarity worker failed (exit " + p.exitValue() + "): "
                    + (err.length() > 2000 ? err.substring(0, 2000) + "..." : err));
        }
        return MAPPER.readValue(stdout.toFile(), WorkerResult.class);
    }
}
