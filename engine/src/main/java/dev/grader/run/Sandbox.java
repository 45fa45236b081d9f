package dev.grader.run;

import dev.grader.model.GraderSettings;
import java.util.Locale;

/**
 * Where the test JVM runs. See SECURITY.md for what each mode contains and what it does not.
 */
public enum Sandbox {
    /**
     * A local process with the JVM's limits (heap, time, output, threads), the operating system's limits a user
     * may set without root, a short environment, and the processes it starts killed after the run.
     */
    NONE,
    /**
     * A container started through Testcontainers: classpath and compiled classes mounted read-only, a writable
     * tmpfs work folder, memory, CPU and process limits, no network unless a service needs one.
     */
    DOCKER;

    /**
     * A new launcher for this mode, keeping what it caches in {@code cacheDir} (nothing when null); a Docker launcher
     * checks for a Docker engine when it first starts a JVM.
     */
    TestJvmLauncher launcher(java.nio.file.Path cacheDir, GraderSettings settings) {
        return launcher(cacheDir, settings, null);
    }

    /** As above; a Docker launcher's containers are of {@code image} (null: the default). */
    TestJvmLauncher launcher(java.nio.file.Path cacheDir, GraderSettings settings, String image) {
        return switch (this) {
            case NONE -> new LocalLauncher(cacheDir, settings);
            case DOCKER -> new DockerLauncher(image);
        };
    }

    /**
     * Starts, in the background, what the local sandbox asks the machine once per process (whether it can confine
     * test JVMs), so that a grade does not wait for it; commands that grade call this first thing.
     */
    public static void prepareLocal(GraderSettings settings) {
        Confinement.probeInBackground(settings);
    }

    /** {@code none} or {@code docker}, as on the command line. */
    public static Sandbox parse(String value) {
        for (Sandbox s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("--sandbox must be none or docker, was '" + value + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
