package dev.grader.owntests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.grader.Fixtures;
import dev.grader.exercise.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached builds of the reference and the mutants that the candidate's own tests run against. */
class VariantBuildsTest {

    private static final String CLASS = "com/acme/adder/Adder.class";

    @Test
    void aBuildRewrittenSinceThisProcessUsedItIsBuiltAgain(@TempDir Path cache) throws IOException {
        Exercise adder = Fixtures.fixtureCatalog().get("adder");
        VariantBuilds builds = new VariantBuilds(cache);
        VariantBuilds.Build first = builds.mutant(adder, adder.mutants().get(0), List.of());
        Path classFile = first.classes().resolve(CLASS);
        byte[] built = Files.readAllBytes(classFile);

        Files.write(classFile, new byte[] {(byte) 0xCA, (byte) 0xFE}); // what a hostile test could do unconfined
        Files.writeString(first.classes().resolve("com/acme/adder/Planted.class"), "planted");
        VariantBuilds.Build again = builds.mutant(adder, adder.mutants().get(0), List.of());

        assertEquals(first.classes(), again.classes());
        assertArrayEquals(built, Files.readAllBytes(again.classes().resolve(CLASS)), "built again from the sources");
        assertFalse(Files.exists(again.classes().resolve("com/acme/adder/Planted.class")));
    }

    @Test
    void anUnchangedBuildIsReused(@TempDir Path cache) throws IOException {
        Exercise adder = Fixtures.fixtureCatalog().get("adder");
        VariantBuilds builds = new VariantBuilds(cache);
        Path classFile = builds.solution(adder, List.of()).classes().resolve(CLASS);
        long modified = Files.getLastModifiedTime(classFile).toMillis();
        assertEquals(
                modified,
                Files.getLastModifiedTime(
                                builds.solution(adder, List.of()).classes().resolve(CLASS))
                        .toMillis());
    }
}
