package dev.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraderHomeTest {

    @Test
    void optionsWinOverTheEnvironmentAndKeepTheirOrder() {
        assertEquals(
                List.of(Path.of("/b"), Path.of("/a")),
                GraderHome.exercises(List.of(Path.of("/b"), Path.of("/a")), "/c"));
    }

    @Test
    void environmentIsAPathSeparatedList() {
        assertEquals(
                List.of(Path.of("/x/one"), Path.of("/y/two")),
                GraderHome.exercises(List.of(), "/x/one" + File.pathSeparator + File.pathSeparator + "/y/two"));
    }

    @Test
    void withNeitherTheBuiltInExercisesAreUsed() {
        assertEquals(List.of(GraderHome.builtInExercises()), GraderHome.exercises(List.of(), null));
    }
}
