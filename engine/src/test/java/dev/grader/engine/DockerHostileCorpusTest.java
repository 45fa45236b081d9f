package dev.grader.engine;

import dev.grader.DockerEngine;
import dev.grader.TestTiers;
import dev.grader.model.GradeStatus;
import dev.grader.run.Sandbox;
import dev.grader.support.postgres.PostgresMode;
import dev.grader.support.postgres.PostgresSettings;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole hostile corpus under {@code --sandbox docker}, against a real Docker engine: the same verdicts as
 * {@link HostileCorpusTest} (each case's {@code expect.yaml}), no process left behind, no test JVM container left
 * behind after each case, and no container at all once the grader closed. The database cases get a Testcontainers
 * database, which joins the test JVM's network.
 */
@TestTiers.Docker
class DockerHostileCorpusTest extends HostileCorpusTest {

    /**
     * The cases that reach a test JVM, and the first of each kind refused before one runs (it does not compile, or it
     * breaks the code policy): a refusal is decided before the sandbox is used, so the others are refused the same
     * way in any sandbox ({@link HostileCorpusTest} grades them all); the first of each kind shows that the test
     * JVM's container, started while the code compiles, is gone after a refusal too.
     */
    static Stream<String> cases() throws IOException {
        Set<GradeStatus> refusalSeen = new HashSet<>();
        return HostileCorpusTest.cases().filter(name -> {
            GradeStatus status = HostileCase.load(CORPUS.resolve(name)).status();
            return status == GradeStatus.GRADED || refusalSeen.add(status);
        });
    }

    /** The test JVMs in containers; the database in one too, on the test JVM's network (Testcontainers). */
    @BeforeAll
    static void start() throws IOException {
        DockerEngine.require();
        start(Sandbox.DOCKER, PostgresSettings.of(PostgresMode.TESTCONTAINERS));
    }

    /** The test JVM's container is gone after each case (the database's serves the whole class). */
    @AfterEach
    void noTestJvmContainerLeftBehind() throws InterruptedException {
        DockerEngine.assertNoGraderContainer("grader-jvm-");
    }

    /** Nothing of the grader's is left once it closed, the database's container included. */
    @AfterAll
    static void noContainerLeftBehind() throws InterruptedException {
        stop();
        DockerEngine.assertNoGraderContainer();
    }
}
