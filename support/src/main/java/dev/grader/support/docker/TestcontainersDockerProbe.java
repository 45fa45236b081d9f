package dev.grader.support.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link DockerProbe#testcontainers()}: asks Testcontainers once, with a time limit. */
final class TestcontainersDockerProbe implements DockerProbe {

    static final int TIMEOUT_SECONDS = 20;
    static final TestcontainersDockerProbe SHARED = new TestcontainersDockerProbe();

    private record Answer(boolean available, String reason) {}

    private volatile Answer answer;

    private TestcontainersDockerProbe() {}

    @Override
    public boolean available() {
        return answer().available();
    }

    @Override
    public String reason() {
        return answer().reason();
    }

    private Answer answer() {
        Answer a = answer;
        if (a == null) {
            synchronized (this) {
                a = answer;
                if (a == null) {
                    a = ask();
                    answer = a;
                }
            }
        }
        return a;
    }

    private static Answer ask() {
        CompletableFuture<Boolean> asked = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        try {
                            TestcontainersSetup
                                    .host(); // finds the engine; a local socket's host is loopback, never a bridge
                        } catch (IllegalStateException noEngine) {
                            // isDockerAvailable says so below
                        }
                        asked.complete(org.testcontainers.DockerClientFactory.instance()
                                .isDockerAvailable());
                    } catch (Throwable e) { // NoClassDefFoundError when Testcontainers is missing, anything it throws
                        asked.completeExceptionally(e);
                    }
                },
                "grader-docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            if (asked.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                String host = "";
                try {
                    host = " at "
                            + org.testcontainers.DockerClientFactory.instance()
                                    .getTransportConfig()
                                    .getDockerHost();
                } catch (RuntimeException | LinkageError ignored) {
                    // only for the note
                }
                return new Answer(true, "Docker engine found" + host);
            }
            return new Answer(
                    false,
                    "no Docker engine found: Testcontainers found no usable Docker environment ("
                            + String.join("; ", localObservations()) + ")");
        } catch (TimeoutException e) {
            return new Answer(
                    false,
                    "no Docker engine found: Testcontainers did not answer within " + TIMEOUT_SECONDS + " s ("
                            + String.join("; ", localObservations()) + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError) {
                return new Answer(
                        false, "no Docker engine found: Testcontainers is not on the class path (" + cause + ")");
            }
            return new Answer(false, "no Docker engine found: asking Testcontainers failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, "no Docker engine found: interrupted while asking Testcontainers");
        }
    }

    /** What a person would check first: DOCKER_HOST and the usual sockets. */
    private static List<String> localObservations() {
        List<String> seen = new ArrayList<>();
        String dockerHost = System.getenv("DOCKER_HOST");
        seen.add(dockerHost == null || dockerHost.isBlank() ? "DOCKER_HOST is not set" : "DOCKER_HOST=" + dockerHost);
        List<Path> sockets = new ArrayList<>();
        sockets.add(Path.of("/var/run/docker.sock"));
        String home = System.getProperty("user.home");
        if (home != null) {
            sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
        }
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        List<String> missing = new ArrayList<>();
        for (Path socket : sockets) {
            if (Files.exists(socket)) {
                seen.add(socket + " exists but did not answer");
            } else {
                missing.add(socket.toString());
            }
        }
        if (!missing.isEmpty()) {
            seen.add("no socket at " + String.join(", ", missing));
        }
        return seen;
    }

    @Override
    public String toString() {
        return "DockerProbe.testcontainers()";
    }
}
