package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.DockerEngine;
import dev.grader.TestTiers;
import dev.grader.run.child.ChildMain;
import dev.grader.support.docker.DockerProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * The test JVM's container as a real Docker engine runs it (SECURITY.md, {@code --sandbox docker}): the
 * container {@link DockerLauncher#container} configures, started with {@code sleep} in place of the JVM, and
 * looked at from inside: its network interfaces, which files it may write, and its cgroup limits.
 */
@TestTiers.Docker
class DockerSandboxLimitsTest {

    private static final long HEAP = 256L << 20;
    private final DockerLauncher docker = new DockerLauncher(DockerProbe.testcontainers());
    private GenericContainer<?> container;

    @TempDir
    Path tmp;

    @BeforeAll
    static void dockerEngineAnswers() {
        DockerEngine.require();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (container != null) {
            container.stop();
        }
        docker.close(); // removes its network
        DockerEngine.assertNoGraderContainer();
    }

    private JvmLaunch started() throws IOException {
        return started(false);
    }

    /** The container, on the launcher's internal network when {@code network} (an exercise with a database). */
    private JvmLaunch started(boolean network) throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("grade/classes/main"));
        Files.writeString(classes.resolve("Main.class"), "compiled");
        Path work = Files.createDirectories(tmp.resolve("grade/run"));
        Path channel = Files.createDirectories(tmp.resolve("grade/run-grader/channel"));
        JvmLaunch launch =
                new JvmLaunch(List.of("java", "-version"), work, List.of(classes), channel, "token", HEAP, network);
        container = docker.container(launch, network ? docker.network(work) : null, DockerLauncher.owner(work));
        container.withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sleep")); // after the launcher's own
        container.withCommand("120");
        container.start();
        return launch;
    }

    private String sh(String script) throws Exception {
        ExecResult r = container.execInContainer("sh", "-c", script);
        return ((r.getStdout() + r.getStderr()).trim() + " [exit " + r.getExitCode() + "]").trim();
    }

    @Test
    void hasNoNetworkInterfaceButLoopback() throws Exception {
        started();
        assertEquals("lo [exit 0]", sh("ls /sys/class/net"));
    }

    /**
     * An exercise with a database: the container is on a network of its own that the engine made internal (an engine
     * that manages iptables routes nothing out of it), whose published ports would bind to loopback only.
     */
    @Test
    void onADatabaseExercisesItIsOnAnInternalNetworkOfItsOwn() throws Exception {
        started(true);
        com.github.dockerjava.api.model.Network network = org.testcontainers.DockerClientFactory.instance()
                .client()
                .inspectNetworkCmd()
                .withNetworkId(docker.network(tmp.resolve("grade/run")).getId())
                .exec();
        assertEquals(Boolean.TRUE, network.getInternal(), network.toString());
        assertEquals("127.0.0.1", network.getOptions().get("com.docker.network.bridge.host_binding_ipv4"));
        assertEquals(
                List.of(network.getId()),
                List.copyOf(container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                        .map(n -> n.getNetworkID())
                        .toList()));
        assertTrue(sh("ls /sys/class/net").contains("eth0"), "an interface on that network");
    }

    /**
     * Two grades of a batch never share a network (their test JVMs cannot reach each other), and a grade's network
     * is removed when the grade is released.
     */
    @Test
    void eachGradeHasANetworkOfItsOwnRemovedWithIt() {
        Path a = tmp.resolve("grade-a/run");
        Path b = tmp.resolve("grade-b/run");
        String first = docker.network(a).getId();
        String second = docker.network(b).getId();
        assertTrue(!first.equals(second), "two grades, one network: " + first);
        assertEquals(first, docker.network(a).getId(), "a grade keeps its network (a restarted test JVM joins it)");
        docker.released(a);
        var client = org.testcontainers.DockerClientFactory.instance().client();
        assertThrows(
                com.github.dockerjava.api.exception.NotFoundException.class,
                () -> client.inspectNetworkCmd().withNetworkId(first).exec());
        assertEquals(
                second, client.inspectNetworkCmd().withNetworkId(second).exec().getId());
    }

    @Test
    void mountsAreReadOnlyAndOnlyTheWorkFolderIsWritable() throws Exception {
        JvmLaunch launch = started();
        String classes = docker.path(launch.readOnly().get(0));
        String denied = sh("echo x > " + classes + "/Main.class");
        assertTrue(denied.contains("Read-only file system"), denied);
        assertEquals("compiled", Files.readString(launch.readOnly().get(0).resolve("Main.class")));
        String root = sh("touch /etc/escaped");
        assertTrue(root.contains("Read-only file system"), root);
        assertEquals("[exit 0]", sh("touch " + docker.path(launch.workDir()) + "/allowed"));
    }

    @Test
    void memoryCpuAndProcessesAreLimitedByTheKernel() throws Exception {
        started();
        long memory = HEAP + DockerLauncher.MEMORY_OVERHEAD;
        // cgroup v2 names, else v1
        String mem = sh("cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes");
        assertEquals(memory + " [exit 0]", mem);
        String cpu = sh("cat /sys/fs/cgroup/cpu.max 2>/dev/null || echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)"
                + " $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)");
        assertEquals((DockerLauncher.CPUS * 100000) + " 100000 [exit 0]", cpu);
        String pids = sh("cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max");
        assertEquals(DockerLauncher.PIDS_LIMIT + " [exit 0]", pids);
    }

    /** The token the test JVM would get is in its environment, nothing of the grader's. */
    @Test
    void theEnvironmentHoldsTheTokenAndNoGraderVariable() throws Exception {
        started();
        String env = sh("env");
        assertTrue(env.contains(ChildMain.TOKEN_ENV + "=token"), env);
        assertTrue(!env.contains("DOCKER_HOST") && !env.contains("GRADER_DB") && !env.contains("GRADER_SANDBOX"), env);
    }
}
