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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PIT on every built-in exercise's reference solution, as {@code grader validate --pit} runs it (20 s to about two
 * minutes and a half each on 2 cores): every mutation its hidden suites do not detect is recorded as equivalent, and
 * its minions leave nothing in the system's temporary folder.
 */
@TestTiers.Grades
class PitRunTest {

    private static ExerciseCatalog catalog() {
        return new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
    }

    static List<String> exercises() {
        return catalog().ids();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exercises")
    void theHiddenSuitesDetectEveryMutationNotRecordedAsEquivalent(String id) throws IOException {
        Exercise exercise = catalog().get(id);
        Set<String> before = tomcatFolders();
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            PitResult r = new PitRun(
                            grader,
                            new ClasspathResolver(Fixtures.cache(), Fixtures.settings()),
                            Fixtures.services(),
                            7)
                    .run(exercise);
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
        Set<String> left = tomcatFolders();
        left.removeAll(before);
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
