package dev.grader.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link TestJvmLauncher} needs to start one test JVM.
 *
 * @param command the {@code java} command line, paths already as the JVM sees them
 * @param workDir the JVM's working folder on the grader's side, the only one it may write to
 * @param readOnly files and folders the JVM reads (classpath, runner, argument files), by their grader-side path
 * @param channelDir the folder holding the event channel's socket file, or null for a TCP channel
 * @param token the event channel's one-time token
 * @param memoryBytes the heap cap; a container gets this plus room for the JVM itself
 * @param network whether the JVM needs the network (a database on another host); else it may have none
 * @param writable folders inside {@code workDir} whose files must outlive the JVM (its coverage record): a container,
 *     whose work folder is a tmpfs that goes with it, mounts them from the grader's side
 */
record JvmLaunch(
        List<String> command,
        Path workDir,
        List<Path> readOnly,
        Path channelDir,
        String token,
        long memoryBytes,
        boolean network,
        List<Path> writable) {

    JvmLaunch {
        command = List.copyOf(command);
        requireNonNull(workDir, "workDir");
        readOnly = List.copyOf(readOnly);
        requireNonNull(token, "token");
        writable = List.copyOf(writable);
        for (Path w : writable) {
            if (!w.toAbsolutePath()
                    .normalize()
                    .startsWith(workDir.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("a writable folder must lie inside the work folder: " + w);
            }
        }
    }

    /** A launch whose JVM leaves nothing behind but what it writes to the event channel. */
    JvmLaunch(
            List<String> command,
            Path workDir,
            List<Path> readOnly,
            Path channelDir,
            String token,
            long memoryBytes,
            boolean network) {
        this(command, workDir, readOnly, channelDir, token, memoryBytes, network, List.of());
    }
}
