package dev.grader.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.build.ClasspathResolver;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PIT on the rate-limiter's reference solution, as {@code grader validate --pit} runs it (about a minute and a half). */
@TestTiers.Grades
class PitRunTest {

    @Test
    void theRateLimitersHiddenSuitesDetectEveryMutationNotRecordedAsEquivalent() {
        Exercise exercise =
                new dev.grader.exercise.ExerciseCatalog(Fixtures.repository().resolve("exercises")).get("rate-limiter");
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            PitResult r = new PitRun(
                            grader,
                            new ClasspathResolver(Fixtures.cache(), Fixtures.settings()),
                            Fixtures.services(),
                            7)
                    .run(exercise);
            assertTrue(r.mutations().size() >= 60, "PIT made " + r.mutations().size() + " mutations");
            assertEquals(
                    List.of(),
                    r.unexplained().stream().map(PitMutation::where).toList(),
                    "every survivor is a hole in the hidden suites or a record to write in " + Equivalents.FILE);
            assertEquals(100.0, r.score());
            assertTrue(
                    r.equivalent().size() <= 10,
                    "the records explain " + r.equivalent().size() + " survivors");
        }
    }
}
