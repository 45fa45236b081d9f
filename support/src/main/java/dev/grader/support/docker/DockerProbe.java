package dev.grader.support.docker;

/** Whether a Docker engine is available for Testcontainers, and if not, why. */
public interface DockerProbe {

    /** Whether a Docker engine answers. May take a moment the first time; later calls reuse the answer. */
    boolean available();

    /**
     * Why Docker is not available, for people ("no Docker engine found: ..."); when it is available, a short
     * note on which engine was found.
     */
    String reason();

    /**
     * The real probe: asks Testcontainers' {@code DockerClientFactory.instance().isDockerAvailable()} once per
     * JVM, in the background and for at most {@value TestcontainersDockerProbe#TIMEOUT_SECONDS} seconds.
     */
    static DockerProbe testcontainers() {
        return TestcontainersDockerProbe.SHARED;
    }

    /** A probe with a fixed answer (for tests, or for a caller that already knows). */
    static DockerProbe fixed(boolean available, String reason) {
        return new DockerProbe() {
            @Override
            public boolean available() {
                return available;
            }

            @Override
            public String reason() {
                return reason;
            }

            @Override
            public String toString() {
                return "DockerProbe[" + available + ", " + reason + "]";
            }
        };
    }
}
