package dev.grader.run;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.grader.model.InfrastructureException;
import dev.grader.support.docker.ContainerImages;
import dev.grader.support.docker.ContainerNames;
import dev.grader.support.docker.DockerProbe;
import dev.grader.support.docker.LocalImages;
import dev.grader.support.docker.TestcontainersSetup;
import dev.grader.support.postgres.JdbcUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;

/**
 * Starts the test JVM in a container through Testcontainers ({@link Sandbox#DOCKER}). The container sees the
 * grader's files it needs at {@value #MOUNT_ROOT} followed by their host path, read-only; its only writable
 * places are tmpfs folders (its work folder and its temp folder), the folder holding the event channel's Unix
 * domain socket and a coverage record's folder inside the work folder. It runs as the grader's user with no capabilities, a read-only root file system, no
 * new privileges, and limits on memory (no swap), CPUs and processes. It has no network at all, unless the
 * exercise uses a database: then it is on an internal network of its grade's own, which the grader's database
 * container joins (an engine that manages iptables routes nothing out of an internal network).
 *
 * <p>Events come over a Unix domain socket file in a mounted folder, not over TCP, so the container needs no
 * route to the grader (Linux Docker engines; Docker Desktop does not pass sockets through its file sharing).
 */
final class DockerLauncher implements TestJvmLauncher {

    /** The official image the test JVM's image stands in for (see {@link ContainerImages#sandbox(String)}). */
    static final String IMAGE = ContainerImages.DEFAULT_SANDBOX;
    /** Where grader files appear inside the container: this prefix, then their host path. */
    static final String MOUNT_ROOT = "/grader";
    /** Where the container finds the event channel's socket folder. */
    static final String CHANNEL_MOUNT = "/grader-channel";
    /** Memory beyond the heap cap: metaspace, thread stacks, code cache, direct buffers. */
    static final long MEMORY_OVERHEAD = 256L << 20;

    static final long CPUS = 2;
    /** Processes and threads the container may hold (the JVM's threads count). */
    static final long PIDS_LIMIT = ForkedTestRunner.THREAD_LIMIT + 100L;

    /** Label naming the grade a test JVM's container belongs to: its work folder's parent (grade-...). */
    static final String GRADE_LABEL = "dev.grader.grade";

    static final String TMPFS_OPTIONS = "rw,nosuid,nodev,size=256m";
    private static final Pattern LOCAL_JDBC_PORT =
            Pattern.compile("^(jdbc:[a-z]+://)(localhost|127\\.0\\.0\\.1):([0-9]{1,5})(?=[/?]|$)");

    private final DockerProbe docker;
    private final String image;
    private final ServiceContainers services = new ServiceContainers();
    /** Each grade's network (for exercises with a database), by the grade's work folder. */
    private final Map<Path, Network> networks = new ConcurrentHashMap<>();

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

    /**
     * A database's JDBC URL as the test JVM's container must see it: the grader's own database container
     * (Testcontainers, published on the host's loopback) joins the test JVM's internal network and is reached there
     * by its alias and own port ({@link ServiceContainers}). Any other database is out of the container's reach.
     *
     * @throws InfrastructureException for a JDBC URL of a database that is not the grader's container
     */
    @Override
    public String propertyValue(String value, Path workDir) {
        if (!value.startsWith("jdbc:")) {
            return value;
        }
        Matcher m = LOCAL_JDBC_PORT.matcher(value);
        Network joined = networks.get(key(workDir));
        if (m.find() && joined != null) {
            Optional<String> inNetwork;
            try {
                inNetwork = services.reach(Integer.parseInt(m.group(3)), joined);
            } catch (RuntimeException e) {
                throw new InfrastructureException(
                        "--sandbox docker: could not put the database's container on the test JVM's network: "
                                + e.getMessage(),
                        e);
            }
            if (inNetwork.isPresent()) {
                return m.group(1) + inNetwork.get() + value.substring(m.end());
            }
        }
        throw new InfrastructureException("--sandbox docker reaches only a database the grader starts in a container"
                + " of its own (--db testcontainers, or --db auto with Docker): the test JVM's container is on an"
                + " internal network with that container and nothing else; not " + JdbcUrls.redact(value));
    }

    /**
     * The event channel's socket, in a folder of its own (its owner's only) under {@code /tmp}, mounted at {@value
     * #CHANNEL_MOUNT}: a Unix socket's path has at most 107 bytes, which a deep grade folder would exceed.
     */
    @Override
    public EventServer openChannel(Path privateDir) throws IOException {
        Path tmp = Path.of("/tmp");
        return EventServer.unixInFolderOfItsOwn(
                Files.isWritable(tmp) ? tmp : privateDir, CHANNEL_MOUNT + "/events.sock");
    }

    @Override
    public TestJvm start(JvmLaunch launch) throws IOException {
        if (!docker.available()) {
            throw new InfrastructureException("--sandbox docker needs a Docker engine: " + docker.reason());
        }
        try {
            LocalImages.ensure(image, "--sandbox-image or $" + ContainerImages.ENV_SANDBOX, System.err::println);
        } catch (LocalImages.ImageUnavailableException e) {
            throw new InfrastructureException("--sandbox docker: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InfrastructureException(
                    "--sandbox docker: could not ask the Docker engine for the image " + image + ": " + e.getMessage(),
                    e);
        }
        GenericContainer<?> container =
                container(launch, launch.network() ? network(launch.workDir()) : null, owner(launch.workDir()));
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
                    launch.channelDir().toAbsolutePath().normalize().toString(), CHANNEL_MOUNT, BindMode.READ_WRITE);
        }
        // Over the tmpfs work folder: what the JVM writes there outlives it.
        launch.writable()
                .forEach(w -> c.withFileSystemBind(w.toAbsolutePath().toString(), path(w), BindMode.READ_WRITE));
        Map<String, String> tmpfs = new LinkedHashMap<>();
        tmpfs.put(path(launch.workDir()), TMPFS_OPTIONS);
        tmpfs.put(path(launch.workDir().resolve("tmp")), TMPFS_OPTIONS);
        c.withTmpFs(tmpfs);
        c.withWorkingDirectory(path(launch.workDir()));
        c.withEnv(dev.grader.run.child.ChildMain.TOKEN_ENV, launch.token());
        c.withLabel("dev.grader.role", "test-jvm");
        c.withLabel(TestcontainersSetup.LABEL, "test-jvm");
        c.withLabel(GRADE_LABEL, grade(launch.workDir()));
        if (network == null) {
            c.withNetworkMode("none");
        } else {
            c.withNetwork(network);
        }
        long memory = launch.memoryBytes() + MEMORY_OVERHEAD;
        String entrypoint = command.get(0);
        c.withCreateContainerCmdModifier(cmd -> limit(cmd, entrypoint, user, memory));
        c.withStartupCheckStrategy(new Started());
        return c;
    }

    private static void limit(CreateContainerCmd cmd, String entrypoint, String user, long memory) {
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
        cmd.withHostConfig(host);
    }

    /** The grade's folder name, as the grade label's value. */
    static String grade(Path workDir) {
        Path dir = workDir.toAbsolutePath().normalize().getParent();
        return dir == null || dir.getFileName() == null ? "" : dir.getFileName().toString();
    }

    /** {@code uid:gid} of the grader's files, so the container reads them as their owner and nothing more. */
    static String owner(Path file) {
        try {
            return Files.getAttribute(file, "unix:uid") + ":" + Files.getAttribute(file, "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The network of the grade working in {@code workDir}, for an exercise with a database: internal (an engine that
     * manages iptables routes nothing out of it), a published port of it binding to loopback only, and the grade's
     * alone, so that the test JVMs of a batch's grades never reach each other; the database's container joins it.
     */
    Network network(Path workDir) {
        return networks.computeIfAbsent(
                key(workDir),
                k -> Network.builder()
                        .createNetworkCmdModifier(cmd -> cmd.withInternal(true)
                                .withOptions(Map.of("com.docker.network.bridge.host_binding_ipv4", "127.0.0.1"))
                                .withLabels(Map.of(TestcontainersSetup.LABEL, "test-jvm-network")))
                        .build());
    }

    private static Path key(Path workDir) {
        return workDir.toAbsolutePath().normalize();
    }

    /** Takes the database's container off the grade's network, and removes the network. */
    @Override
    public void released(Path workDir) {
        Network network = networks.remove(key(workDir));
        if (network != null) {
            remove(network);
        }
    }

    private void remove(Network network) {
        try {
            services.leave(network);
            network.close();
        } catch (RuntimeException e) {
            // the grader's shutdown hook removes it (TestcontainersSetup)
        }
    }

    @Override
    public String description() {
        return "Docker container " + image;
    }

    @Override
    public void close() {
        for (Path grade : List.copyOf(networks.keySet())) {
            released(grade);
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
