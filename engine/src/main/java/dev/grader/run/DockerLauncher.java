package dev.grader.run;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.grader.model.InfrastructureException;
import dev.grader.support.docker.ContainerImages;
import dev.grader.support.docker.ContainerNames;
import dev.grader.support.docker.DockerProbe;
import dev.grader.support.docker.TestcontainersSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;

/**
 * Starts the test JVM in a container through Testcontainers ({@link Sandbox#DOCKER}). The container sees the
 * grader's files it needs at {@value #MOUNT_ROOT} followed by their host path, read-only; its only writable
 * places are tmpfs folders (its work folder and its temp folder) and the folder holding the event channel's
 * Unix domain socket. It runs as the grader's user with no capabilities, a read-only root file system, no
 * new privileges, and limits on memory (no swap), CPUs and processes. It has no network at all, unless the
 * exercise uses a database: then it is on a network of its own that reaches the database's host.
 *
 * <p>Events come over a Unix domain socket file in a mounted folder, not over TCP, so the container needs no
 * route to the grader (Linux Docker engines; Docker Desktop does not pass sockets through its file sharing).
 */
final class DockerLauncher implements TestJvmLauncher {

    /** The official image the test JVM's image stands in for (see {@link ContainerImages#sandbox(String)}). */
    static final String IMAGE = ContainerImages.DEFAULT_SANDBOX;
    /** Where grader files appear inside the container: this prefix, then their host path. */
    static final String MOUNT_ROOT = "/grader";
    /** Memory beyond the heap cap: metaspace, thread stacks, code cache, direct buffers. */
    static final long MEMORY_OVERHEAD = 256L << 20;

    static final long CPUS = 2;
    /** Processes and threads the container may hold (the JVM's threads count). */
    static final long PIDS_LIMIT = ForkedTestRunner.THREAD_LIMIT + 100L;

    static final String TMPFS_OPTIONS = "rw,nosuid,nodev,size=256m";
    /** How the container reaches a database on the grader's host. */
    static final String HOST_ALIAS = "host.docker.internal";

    private static final Pattern LOCAL_JDBC = Pattern.compile("^(jdbc:[a-z]+://)(localhost|127\\.0\\.0\\.1)([:/])");

    private final DockerProbe docker;
    private final String image;
    private Network network;

    /** A launcher for containers of {@code image} (null: {@link ContainerImages#sandbox(String)}'s default). */
    DockerLauncher(String image) {
        this(DockerProbe.testcontainers(), image);
    }

    DockerLauncher(DockerProbe docker) {
        this(docker, null);
    }

    DockerLauncher(DockerProbe docker, String image) {
        this.docker = docker;
        this.image = ContainerImages.sandbox(image);
    }

    @Override
    public String java() {
        return "java";
    }

    @Override
    public String path(Path hostPath) {
        String p = hostPath.toAbsolutePath()
                .normalize()
                .toString()
                .replace('\\', '/')
                .replace(":", "");
        return MOUNT_ROOT + (p.startsWith("/") ? p : "/" + p);
    }

    /** A database on the grader's host ({@code localhost}) is {@value #HOST_ALIAS} from inside the container. */
    @Override
    public String propertyValue(String value) {
        return LOCAL_JDBC.matcher(value).replaceFirst("$1" + HOST_ALIAS + "$3");
    }

    @Override
    public EventServer openChannel(Path privateDir) throws IOException {
        Path dir = Files.createDirectories(privateDir.resolve("channel"));
        Path socket = dir.resolve("events.sock");
        return EventServer.unix(socket, path(socket));
    }

    @Override
    public TestJvm start(JvmLaunch launch) throws IOException {
        if (!docker.available()) {
            throw new InfrastructureException("--sandbox docker needs a Docker engine: " + docker.reason());
        }
        GenericContainer<?> container = container(launch, launch.network() ? network() : null, owner(launch.workDir()));
        DockerJvm jvm = new DockerJvm(container);
        try {
            container.start();
        } catch (RuntimeException e) {
            jvm.close();
            throw new InfrastructureException(
                    "could not start the test JVM's container (image " + image + "): " + e.getMessage(), e);
        }
        container.followOutput(jvm::accept);
        return jvm;
    }

    /**
     * The container for {@code launch}, not started: what is mounted where, the limits, the network, the
     * command and the environment. {@code network} null means no network at all.
     */
    GenericContainer<?> container(JvmLaunch launch, Network network, String user) {
        List<String> command = launch.command();
        @SuppressWarnings("resource") // started and stopped by DockerJvm
        GenericContainer<?> c = new GenericContainer<>(ContainerImages.substitute(image, IMAGE));
        c.withCommand(command.subList(1, command.size()).toArray(String[]::new));
        for (Path p : launch.readOnly()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                c.withFileSystemBind(p.toAbsolutePath().normalize().toString(), path(p), BindMode.READ_ONLY);
            }
        }
        if (launch.channelDir() != null) {
            c.withFileSystemBind(
                    launch.channelDir().toAbsolutePath().normalize().toString(),
                    path(launch.channelDir()),
                    BindMode.READ_WRITE);
        }
        Map<String, String> tmpfs = new LinkedHashMap<>();
        tmpfs.put(path(launch.workDir()), TMPFS_OPTIONS);
        tmpfs.put(path(launch.workDir().resolve("tmp")), TMPFS_OPTIONS);
        c.withTmpFs(tmpfs);
        c.withWorkingDirectory(path(launch.workDir()));
        c.withEnv(dev.grader.run.child.ChildMain.TOKEN_ENV, launch.token());
        c.withLabel("dev.grader.role", "test-jvm");
        c.withLabel(TestcontainersSetup.LABEL, "test-jvm");
        if (network == null) {
            c.withNetworkMode("none");
        } else {
            c.withNetwork(network);
        }
        long memory = launch.memoryBytes() + MEMORY_OVERHEAD;
        String entrypoint = command.get(0);
        c.withCreateContainerCmdModifier(cmd -> limit(cmd, entrypoint, user, memory, network != null));
        c.withStartupCheckStrategy(new Started());
        return c;
    }

    private static void limit(CreateContainerCmd cmd, String entrypoint, String user, long memory, boolean network) {
        cmd.withName(ContainerNames.next("jvm"));
        cmd.withEntrypoint(entrypoint);
        if (user != null) {
            cmd.withUser(user);
        }
        HostConfig host = cmd.getHostConfig() == null ? new HostConfig() : cmd.getHostConfig();
        host.withMemory(memory)
                .withMemorySwap(memory)
                .withNanoCPUs(CPUS * 1_000_000_000L)
                .withPidsLimit(PIDS_LIMIT)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(true);
        if (network) {
            host.withExtraHosts(HOST_ALIAS + ":host-gateway");
        }
        cmd.withHostConfig(host);
    }

    /** {@code uid:gid} of the grader's files, so the container reads them as their owner and nothing more. */
    static String owner(Path file) {
        try {
            return Files.getAttribute(file, "unix:uid") + ":" + Files.getAttribute(file, "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private synchronized Network network() {
        if (network == null) {
            network = Network.newNetwork();
        }
        return network;
    }

    @Override
    public String description() {
        return "Docker container " + image;
    }

    @Override
    public synchronized void close() {
        if (network != null) {
            try {
                network.close();
            } catch (RuntimeException e) {
                // the grader's shutdown hook removes it (TestcontainersSetup)
            }
            network = null;
        }
    }

    /** The container counts as started as soon as it runs: the JVM inside waits for the grader's "go". */
    private static final class Started extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(com.github.dockerjava.api.DockerClient client, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }
    }
}
