package dev.grader.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.TopContainerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes the code under test started in a test JVM's container, seen through the engine's process list
 * ({@code docker top}) now and then and once more before the container is removed: they all end with it, and the
 * report says which there were, as it does for a local test JVM ({@link ProcessSweep}).
 */
final class ContainerProcesses {

    private static final int MAX_LISTED = 3;
    private static final long PERIOD_NANOS = 1_000_000_000L;
    private static final String RUNNER = dev.grader.run.boot.RunnerBoot.class.getName();

    /** Host pid to command line, in the order first seen. */
    private final Map<String, String> seen = new LinkedHashMap<>();

    private long lastLook;

    /** The host pid of the container's first process, the test JVM: not one the code under test started. */
    private String jvmPid;

    /** Looks at the container's processes when a second has passed since the last look. */
    synchronized void watch(DockerClient client, String containerId) {
        if (System.nanoTime() - lastLook >= PERIOD_NANOS) {
            look(client, containerId);
        }
    }

    /** Looks at the container's processes now; a container that is gone or stopped shows none. */
    synchronized void look(DockerClient client, String containerId) {
        lastLook = System.nanoTime();
        TopContainerResponse top;
        try {
            if (jvmPid == null) {
                Long pid = client.inspectContainerCmd(containerId)
                        .exec()
                        .getState()
                        .getPidLong();
                jvmPid = pid == null || pid == 0 ? null : pid.toString();
            }
            top = client.topContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            return;
        }
        add(top.getTitles(), top.getProcesses());
    }

    /**
     * Adds the rows of a process list whose columns are {@code titles}, leaving out the test JVM itself (its pid, or
     * its command line while the pid is unknown).
     */
    synchronized void add(String[] titles, String[][] rows) {
        if (titles == null || rows == null) {
            return;
        }
        int pid = List.of(titles).indexOf("PID");
        int cmd = List.of(titles).indexOf("CMD");
        if (pid < 0 || cmd < 0) {
            return;
        }
        for (String[] row : rows) {
            if (row.length > Math.max(pid, cmd) && !row[pid].equals(jvmPid) && !isTestJvm(row[cmd])) {
                seen.putIfAbsent(row[pid], row[cmd]);
            }
        }
    }

    private static boolean isTestJvm(String command) {
        String first = command.split(" ", 2)[0];
        return (first.equals("java") || first.endsWith("/java")) && command.contains(RUNNER);
    }

    /** What the report says of them (null when there were none): they were killed with the container. */
    synchronized String note() {
        if (seen.isEmpty()) {
            return null;
        }
        List<String> commands = new ArrayList<>(seen.values());
        List<String> shown = commands.subList(0, Math.min(MAX_LISTED, commands.size()));
        return "the code under test started " + commands.size() + " process" + (commands.size() == 1 ? "" : "es")
                + " in the test JVM's container (" + String.join("; ", shown)
                + (commands.size() > MAX_LISTED ? "; ..." : "") + "): any still running were killed with the container";
    }
}
