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
 */
record JvmLaunch(
        List<String> command,
        Path workDir,
        List<Path> readOnly,
        Path channelDir,
        String token,
        long memoryBytes,
        boolean network) {

    JvmLaunch {
        command = List.copyOf(command);
        requireNonNull(workDir, "workDir");
        readOnly = List.copyOf(readOnly);
        requireNonNull(token, "token");
    }
}
