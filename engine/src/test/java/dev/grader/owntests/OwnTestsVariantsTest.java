package dev.grader.owntests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.model.OwnTestsEvidence.MissedMutant;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutants that hang or end the test JVM while the candidate's tests run on them, beside others in the same test JVMs:
 * the fixture exercise {@code adder} (mutants {@code int-overflow}, {@code subtracts}) with two more. A variant after
 * the one that ended its JVM runs in a second one.
 */
@TestTiers.Grades
class OwnTestsVariantsTest {

    private static final String ADDER = "src/main/java/com/acme/adder/Adder.java";

    private static void mutant(Path exercise, String name, String body) throws IOException {
        Path dir = Files.createDirectories(exercise.resolve("mutants").resolve(name));
        Files.writeString(dir.resolve("mutant.yaml"), "description: " + name + "\nloses: [basics]\n");
        Path source = exercise.resolve("solution").resolve(ADDER);
        String solution = Files.readString(source);
        Path out = dir.resolve(ADDER);
        Files.createDirectories(out.getParent());
        Files.writeString(out, solution.replaceFirst("return (Math\\.addExact\\(a, b\\)|a \\+ b);", body));
    }

    @Test
    void aHangingAndAnExitingMutantAreCaughtAndTheOthersStillRun(@TempDir Path dir) throws IOException {
        Path exercises = dir.resolve("exercises");
        FileTrees.copyOver(Fixtures.root().resolve("exercises/adder"), exercises.resolve("adder"));
        Path adderDir = exercises.resolve("adder");
        String solution = Files.readString(adderDir.resolve("solution").resolve(ADDER));
        assertTrue(solution.matches("(?s).*return (Math\\.addExact\\(a, b\\)|a \\+ b);.*"), solution);
        mutant(adderDir, "exits", "System.exit(3); return a + b;");
        mutant(adderDir, "hangs", "while (a == a) { Thread.onSpinWait(); } return a + b;");
        Exercise adder = new ExerciseCatalog(exercises).get("adder");
        Path submission = Variants.solution(adder, dir.resolve("candidate"));
        Files.writeString(
                submission.resolve("src/test/java/com/acme/adder/MoreAdderTest.java"),
                "package com.acme.adder;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\n"
                        + "import org.junit.jupiter.api.Test;\n\nclass MoreAdderTest {\n  @Test\n  void addsSmallNumbers() {\n"
                        + "    assertEquals(3, Adder.add(1, 2));\n  }\n}\n");

        OwnTestsEvidence e;
        try (Grader grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings())) {
            e = grader.grade(adder, submission, new GradeOptions(1, false))
                    .evidence()
                    .ownTests();
        }

        assertEquals(OwnTestsEvidence.EVALUATED, e.status(), e.reason());
        assertEquals(4, e.mutants(), e.reason());
        assertEquals(
                java.util.List.of("int-overflow"),
                e.missed().stream().map(MissedMutant::name).toList(),
                "exits, hangs and subtracts are caught; the test never calls sum(): " + e.reason());
        assertEquals(3, e.caught());
    }
}
