package dev.grader.support.docker;

import java.util.concurrent.atomic.AtomicLong;
import org.testcontainers.DockerClientFactory;

/**
 * Names for the grader's containers: {@code grader-<role>-<session>-<n>}, where the session is Testcontainers'
 * id for this JVM (also on every container as a label), so that a person can tell whose containers they see
 * and the grader's shutdown hook removes exactly its own.
 */
public final class ContainerNames {

    private static final AtomicLong COUNT = new AtomicLong();

    private ContainerNames() {}

    /** A new name for a container of {@code role} (for example {@code db} or {@code jvm}). */
    public static String next(String role) {
        return "grader-" + role + "-" + DockerClientFactory.SESSION_ID.substring(0, 8) + "-" + COUNT.incrementAndGet();
    }
}
