package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.build.ClasspathResolver;
import dev.grader.build.CompileResult;
import dev.grader.build.JavaCompilation;
import dev.grader.exercise.Exercise;
import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import dev.grader.run.child.ChildMain;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.SupportSources;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container sandbox's event channel, without a container: a local test JVM that, as in a container, gets
 * its token from the environment and reaches the grader over a Unix domain socket file.
 */
class UnixChannelTest {

    private static final long LAUNCH_MILLIS = 300;

    /** Starts local JVMs the way the container launcher talks to them, after a pause. */
    private static final class ContainerLikeLauncher implements TestJvmLauncher {
        private final LocalLauncher local =
                new LocalLauncher(LocalLauncher.javaCommand(), List.of(), Confinement.unavailable("not needed here"));

        @Override
        public String java() {
            return local.java();
        }

        @Override
        public String path(Path hostPath) {
            return local.path(hostPath);
        }

        @Override
        public EventServer openChannel(Path privateDir) throws IOException {
            Path socket = Files.createDirectories(privateDir.resolve("channel")).resolve("events.sock");
            return EventServer.unix(socket, socket.toString());
        }

        @Override
        public TestJvm start(JvmLaunch launch) throws IOException {
            try {
                Thread.sleep(LAUNCH_MILLIS); // as a container's creation and start take time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<String> command = new ArrayList<>(List.of("/usr/bin/env", ChildMain.TOKEN_ENV + "=" + launch.token()));
            command.addAll(launch.command());
            return local.start(new JvmLaunch(
                    command,
                    launch.workDir(),
                    launch.readOnly(),
                    launch.channelDir(),
                    "not-the-token-" + launch.token(),
                    launch.memoryBytes(),
                    launch.network()));
        }

        @Override
        public String description() {
            return "local, container-like channel";
        }

        @Override
        public void close() {}
    }

    @Test
    void theHiddenSuitesRunOverAUnixSocketWithTheTokenFromTheEnvironmentAndTheLaunchIsTimed(@TempDir Path tmp)
            throws IOException {
        Exercise adder = Fixtures.fixtureCatalog().get("adder");
        List<Path> classpath = new ClasspathResolver(Fixtures.cache(), Fixtures.settings()).resolve(adder);
        Path project = Variants.solution(adder, tmp.resolve("solution"));
        Path main = tmp.resolve("grade/classes/main");
        Path hidden = tmp.resolve("grade/classes/hidden");
        CompileResult m = JavaCompilation.compileTree(project.resolve("src/main/java"), classpath, main, 17, project);
        assertTrue(m.success(), m.diagnostics().toString());
        List<Path> hiddenSources = new ArrayList<>(FileTrees.files(adder.hidden(), ".java"));
        SupportSources.copy(adder.manifest().support(), tmp.resolve("support"));
        hiddenSources.addAll(FileTrees.files(tmp.resolve("support"), ".java"));
        List<Path> hiddenCp = new ArrayList<>(classpath);
        hiddenCp.add(main);
        CompileResult h = JavaCompilation.compile(hiddenSources, hiddenCp, hidden, 17, adder.dir());
        assertTrue(h.success(), h.diagnostics().toString());
        List<Path> runCp = new ArrayList<>(List.of(hidden));
        runCp.addAll(classpath);
        runCp.add(main);
        RunRequest request = new RunRequest(
                runCp,
                hidden,
                Files.createDirectories(tmp.resolve("grade/run")),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                "128m",
                Map.of("grader.seed", "1"),
                false);

        RunOutcome outcome;
        double launch;
        try (ForkedTestRunner.Prepared p =
                new ForkedTestRunner(new ContainerLikeLauncher(), Fixtures.settings()).prepare(request)) {
            outcome = p.run();
            launch = p.launchSeconds();
        }

        assertTrue(launch >= LAUNCH_MILLIS / 1000.0 && launch < 10, "launch took " + launch + " s");
        assertEquals(RunEnding.COMPLETED, outcome.ending(), outcome.endingMessage());
        assertEquals(3, outcome.tests().size(), outcome.tests().toString());
        assertTrue(
                outcome.tests().stream().allMatch(t -> t.status() == TestStatus.PASSED),
                outcome.tests().toString());
    }
}
