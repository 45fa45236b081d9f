package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.grader.model.InfrastructureException;
import dev.grader.run.child.ChildMain;
import dev.grader.support.docker.DockerProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.shaded.com.github.dockerjava.core.command.CreateContainerCmdImpl;

/** The container a test JVM runs in with {@code --sandbox docker}, inspected without a Docker engine. */
class DockerLauncherTest {

    private static final long HEAP = 256L << 20;
    private final DockerLauncher docker = new DockerLauncher(DockerProbe.fixed(true, "a Docker engine (test)"));

    @TempDir
    Path tmp;

    private JvmLaunch launch(boolean network) throws IOException {
        Path runner = Files.createDirectories(tmp.resolve("grade/run-grader/runner"));
        Path jar = Files.createDirectories(tmp.resolve("lib")).resolve("junit.jar");
        Files.writeString(jar, "jar");
        Path hidden = Files.createDirectories(tmp.resolve("grade/classes/hidden"));
        Path main = Files.createDirectories(tmp.resolve("grade/classes/main"));
        Path args = Files.writeString(tmp.resolve("grade/run-grader/classpath.args"), "-cp x");
        Path work = Files.createDirectories(tmp.resolve("grade/run"));
        Path channel = Files.createDirectories(tmp.resolve("grade/run-grader/channel"));
        List<String> command = List.of(
                "java",
                "-Xmx256m",
                "@" + docker.path(args),
                ChildMain.class.getName(),
                "unix:" + docker.path(channel.resolve("events.sock")),
                docker.path(hidden));
        return new JvmLaunch(
                command, work, List.of(runner, jar, hidden, main, args), channel, "s3cr3t-token", HEAP, network);
    }

    private static Map<String, Bind> bindsByContainerPath(GenericContainer<?> c) {
        return c.getBinds().stream().collect(Collectors.toMap(b -> b.getVolume().getPath(), b -> b));
    }

    private static CreateContainerCmd modified(GenericContainer<?> c) {
        CreateContainerCmd.Exec noDocker = command -> {
            throw new AssertionError("nothing is sent to a Docker engine here");
        };
        CreateContainerCmd cmd = new CreateContainerCmdImpl(noDocker, null, DockerLauncher.IMAGE);
        c.getCreateContainerCmdModifiers().forEach(m -> m.modify(cmd));
        return cmd;
    }

    @Test
    void classpathRunnerAndCompiledClassesAreMountedReadOnlyAndOnlyTheChannelIsWritable() throws IOException {
        JvmLaunch launch = launch(false);
        GenericContainer<?> c = docker.container(launch, null, "1000:1000");
        Map<String, Bind> binds = bindsByContainerPath(c);
        assertEquals(launch.readOnly().size() + 1, binds.size(), binds.toString());
        for (Path p : launch.readOnly()) {
            Bind b = binds.get(DockerLauncher.MOUNT_ROOT + p.toAbsolutePath());
            assertEquals(p.toAbsolutePath().toString(), b.getPath(), p.toString());
            assertEquals(AccessMode.ro, b.getAccessMode(), p + " must be read-only");
        }
        Bind channel = binds.get(DockerLauncher.CHANNEL_MOUNT);
        assertEquals(launch.channelDir().toAbsolutePath().toString(), channel.getPath());
        assertEquals(AccessMode.rw, channel.getAccessMode(), "the event channel's socket folder");
    }

    private static JvmLaunch writing(JvmLaunch plain, Path writable) {
        return new JvmLaunch(
                plain.command(),
                plain.workDir(),
                plain.readOnly(),
                plain.channelDir(),
                plain.token(),
                plain.memoryBytes(),
                plain.network(),
                List.of(writable));
    }

    @Test
    void aCoverageFolderIsMountedWritableOverTheTmpfsWorkFolder() throws IOException {
        JvmLaunch plain = launch(false);
        Path coverage = Files.createDirectories(plain.workDir().resolve("coverage"));
        JvmLaunch launch = writing(plain, coverage);
        Bind b = bindsByContainerPath(docker.container(launch, null, "1000:1000"))
                .get(docker.path(coverage));
        assertEquals(coverage.toAbsolutePath().toString(), b.getPath());
        assertEquals(AccessMode.rw, b.getAccessMode());
        assertThrows(IllegalArgumentException.class, () -> writing(plain, tmp), "only a folder inside the work folder");
    }

    @Test
    void theChannelsSocketPathIsShortHoweverDeepTheGradesFolder() throws IOException {
        Path deep = Files.createDirectories(tmp.resolve("x".repeat(60)).resolve("y".repeat(60)));
        EventServer server = docker.openChannel(deep);
        Path dir = server.socketDir();
        try {
            assertEquals("unix:" + DockerLauncher.CHANNEL_MOUNT + "/events.sock", server.childAddress());
            assertTrue(
                    dir.resolve("events.sock").toString().length() < 80,
                    "a Unix socket's path has at most 107 bytes: " + dir);
            assertEquals(
                    java.util.Set.of(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE),
                    Files.getPosixFilePermissions(dir),
                    "its owner's only");
        } finally {
            server.close();
        }
        assertFalse(Files.exists(dir), "closing the channel removes its folder");
    }

    @Test
    void theWorkFolderAndTheTempFolderAreTmpfsAndNothingElseIsWritable() throws IOException {
        JvmLaunch launch = launch(false);
        GenericContainer<?> c = docker.container(launch, null, "1000:1000");
        String work = docker.path(launch.workDir());
        assertEquals(
                Map.of(work, DockerLauncher.TMPFS_OPTIONS, work + "/tmp", DockerLauncher.TMPFS_OPTIONS),
                c.getTmpFsMapping());
        assertEquals(work, c.getWorkingDirectory());
        assertEquals(
                Boolean.TRUE, modified(c).getHostConfig().getReadonlyRootfs(), "the image's own files are read-only");
    }

    @Test
    void memoryCpusProcessesAndPrivilegesAreLimited() throws IOException {
        HostConfig host =
                modified(docker.container(launch(false), null, "1000:1000")).getHostConfig();
        assertEquals(HEAP + DockerLauncher.MEMORY_OVERHEAD, host.getMemory());
        assertEquals(host.getMemory(), host.getMemorySwap(), "no swap beyond the memory limit");
        assertEquals(DockerLauncher.CPUS * 1_000_000_000L, host.getNanoCPUs());
        assertEquals(ForkedTestRunner.THREAD_LIMIT + 100L, host.getPidsLimit());
        assertEquals(List.of(Capability.ALL), Arrays.asList(host.getCapDrop()));
        assertEquals(List.of("no-new-privileges"), host.getSecurityOpts());
    }

    @Test
    void itRunsJavaAsTheGradersUserWithTheCommandAndTheTokenInItsEnvironment() throws IOException {
        JvmLaunch launch = launch(false);
        GenericContainer<?> c = docker.container(launch, null, "1000:1000");
        CreateContainerCmd cmd = modified(c);
        assertEquals(List.of("java"), Arrays.asList(cmd.getEntrypoint()));
        assertEquals("1000:1000", cmd.getUser());
        assertEquals(launch.command().subList(1, launch.command().size()), Arrays.asList(c.getCommandParts()));
        assertEquals("s3cr3t-token", c.getEnvMap().get(ChildMain.TOKEN_ENV));
        assertEquals("grade", c.getLabels().get(DockerLauncher.GRADE_LABEL), "labelled with its grade's folder");
        assertEquals("test-jvm", c.getLabels().get("dev.grader"));
        assertTrue(
                DockerLauncher.IMAGE.matches("eclipse-temurin:17\\.0\\.\\d+_\\d+-jre"),
                "one pinned JRE: " + DockerLauncher.IMAGE);
    }

    @Test
    void withoutServicesThereIsNoNetworkAtAll() throws IOException {
        GenericContainer<?> c = docker.container(launch(false), null, "1000:1000");
        assertEquals("none", c.getNetworkMode());
        assertNull(c.getNetwork());
        assertNull(modified(c).getHostConfig().getExtraHosts());
    }

    @Test
    void aDatabaseExerciseGetsANetworkOfItsOwnAndNoHostAlias() throws IOException {
        try (Network network = Network.newNetwork()) { // created in Docker only when first used
            GenericContainer<?> c = docker.container(launch(true), network, "1000:1000");
            assertSame(network, c.getNetwork());
            assertNull(c.getNetworkMode());
            assertNull(modified(c).getHostConfig().getExtraHosts());
        }
    }

    /** Before a test JVM's network exists, no database is in reach: a JDBC URL is an infrastructure error. */
    @Test
    void aDatabaseOutsideTheGradersContainersIsRefusedClearly() {
        for (String url : List.of(
                "jdbc:postgresql://localhost:5432/grader_x",
                "jdbc:postgresql://127.0.0.1/db",
                "jdbc:postgresql://db.example.com:5432/x?password=secret")) {
            InfrastructureException e =
                    assertThrows(InfrastructureException.class, () -> docker.propertyValue(url, tmp), url);
            assertTrue(e.getMessage().contains("--db testcontainers"), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
        assertEquals("42", docker.propertyValue("42", tmp));
    }

    @Test
    void gradersPathsAppearUnderTheMountRootAndTheChannelIsAUnixSocketOfItsOwn() throws IOException {
        assertEquals("/grader/tmp/g/classes", docker.path(Path.of("/tmp/g/classes")));
        try (EventServer server = docker.openChannel(tmp)) {
            assertEquals("unix:" + DockerLauncher.CHANNEL_MOUNT + "/events.sock", server.childAddress());
            assertTrue(Files.exists(server.socketDir().resolve("events.sock")));
        }
    }

    @Test
    void withoutADockerEngineStartingFailsWithTheReasonNeverFallingBack() throws IOException {
        DockerLauncher none =
                new DockerLauncher(DockerProbe.fixed(false, "no Docker engine found: DOCKER_HOST is not set"));
        InfrastructureException e = assertThrows(InfrastructureException.class, () -> none.start(launch(false)));
        assertEquals(
                "--sandbox docker needs a Docker engine: no Docker engine found: DOCKER_HOST is not set",
                e.getMessage());
    }
}
