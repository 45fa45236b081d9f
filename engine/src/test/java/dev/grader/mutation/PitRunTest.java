package dev.grader.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.build.ClasspathResolver;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PIT on every built-in exercise's reference solution, as {@code grader validate --pit} runs it (20 s to about a
 * minute and a half each on 2 cores): every mutation its hidden suites do not detect is recorded as equivalent, and
 * its minions leave nothing in the system's temporary folder. Two exercises' PIT runs go at once, started before the
 * first test: one run alone leaves a core idle much of the time (its coverage pass runs on one minion, and an
 * exercise's few mutation units seldom split evenly over two), so the six take about a quarter less time. A busier
 * machine cannot make this test fail; it could hide a survivor only by slowing its tests past PIT's limit (1.25 times
 * their time in the coverage pass, which runs on the same busy machine, plus 4 s), far beyond these suites' tests.
 */
@TestTiers.Grades
class PitRunTest {

    private static ExerciseCatalog catalog() {
        return new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
    }

    static List<String> exercises() {
        return catalog().ids();
    }

    /** PIT runs at once: two, each with as many minions as the machine has cores. */
    private static final int AT_ONCE = 2;

    private static final Map<String, Future<PitResult>> RUNS = new LinkedHashMap<>();
    private static ExecutorService pool;
    private static Set<String> tomcatBefore;

    @BeforeAll
    static void startEveryRun() throws IOException {
        tomcatBefore = tomcatFolders();
        pool = Executors.newFixedThreadPool(AT_ONCE);
        for (String id : exercises()) {
            RUNS.put(id, pool.submit(() -> pit(catalog().get(id))));
        }
    }

    private static PitResult pit(Exercise exercise) {
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            return new PitRun(
                            grader,
                            new ClasspathResolver(Fixtures.cache(), Fixtures.settings()),
                            Fixtures.services(),
                            7)
                    .run(exercise);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void theHiddenSuitesDetectEveryMutationNotRecordedAsEquivalent(String id) throws Exception {
        PitResult r;
        try {
            r = RUNS.get(id).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        assertTrue(r.mutations().size() >= 10, "PIT made " + r.mutations().size() + " mutations");
        assertEquals(
                List.of(),
                r.unexplained().stream().map(PitMutation::where).toList(),
                "every survivor is a hole in the hidden suites or a record to write in " + Equivalents.FILE);
        assertEquals(100.0, r.score());
        assertTrue(
                r.equivalent().size() <= 10,
                "the records explain " + r.equivalent().size() + " survivors");
    }

    /** Once every run ended: nothing of the minions' is left in the system's temporary folder. */
    @AfterAll
    static void noTomcatFolderLeft() throws Exception {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "a PIT run did not stop");
        Set<String> left = tomcatFolders();
        left.removeAll(tomcatBefore);
        assertEquals(Set.of(), left, "PIT's minions left these in the system's temporary folder");
    }

    /** The folders a Spring Boot application's embedded Tomcat makes in the system's temporary folder. */
    private static Set<String> tomcatFolders() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("tomcat"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }
}
