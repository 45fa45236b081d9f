package dev.grader;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.model.Container;
import dev.grader.support.docker.DockerProbe;
import dev.grader.support.docker.TestcontainersSetup;
import java.util.Arrays;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/** For the docker-tagged tests: the engine must answer (a failure, never a skip), and what it still holds. */
public final class DockerEngine {

    private DockerEngine() {}

    /** Fails, saying how to get an engine, when no Docker engine answers. */
    public static void require() {
        DockerProbe probe = DockerProbe.testcontainers();
        assertTrue(
                probe.available(),
                "these tests need a Docker engine (GRADER_DOCKER_TESTS=required): " + probe.reason()
                        + "; scripts/docker-host.sh start gives one and prints the DOCKER_HOST to use");
    }

    /** The grader's containers the engine holds, running or not: "name image state" each. */
    public static List<String> graderContainers() {
        List<Container> found = DockerClientFactory.instance()
                .client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(TestcontainersSetup.LABEL))
                .exec();
        return found.stream()
                .map(c -> Arrays.toString(c.getNames()) + " " + c.getImage() + " " + c.getState())
                .sorted()
                .toList();
    }

    /** Fails when a container of the grader's is still there a few seconds on (removal takes a moment). */
    public static void assertNoGraderContainer() throws InterruptedException {
        assertNoGraderContainer("");
    }

    /** As {@link #assertNoGraderContainer()}, for the containers whose name contains {@code name} only. */
    public static void assertNoGraderContainer(String name) throws InterruptedException {
        List<String> left = named(name);
        for (int i = 0; i < 50 && !left.isEmpty(); i++) {
            Thread.sleep(200);
            left = named(name);
        }
        if (!left.isEmpty()) {
            fail("containers left behind: " + left);
        }
    }

    private static List<String> named(String name) {
        return graderContainers().stream().filter(c -> c.contains(name)).toList();
    }
}
