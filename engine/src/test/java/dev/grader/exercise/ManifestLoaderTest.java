package dev.grader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    @TempDir
    Path dir;

    private static final String VALID = """
      id: demo
      version: 2
      title: Demo
      summary: A demo.
      time_budget: 1h30m
      java_release: 17
      services: [postgres]
      support: [core, postgres]
      rubric:
        - {id: correctness, title: Correct, weight: 70}
        - {id: speed, weight: 30}
      limits: {per_test: 10s, whole_run: 2m, memory: 256m}
      protected: [pom.xml]
      hidden:
        dependencies: ["net.ttddyy:datasource-proxy:1.10"]
      """;

    private Path exercise(String name, String yaml) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("exercise.yaml"), yaml);
        return d;
    }

    @Test
    void loadsEveryFieldOfAValidManifest() throws IOException {
        Manifest m = ManifestLoader.load(exercise("demo", VALID));
        assertEquals("demo", m.id());
        assertEquals(2, m.version());
        assertEquals(Duration.ofMinutes(90), m.timeBudget());
        assertEquals(100.0, m.maxScore());
        assertEquals("speed", m.rubric().get(1).title(), "a category without a title is titled by its id");
        assertEquals(Duration.ofSeconds(10), m.limits().perTest());
        assertEquals(256L << 20, m.limits().memoryBytes());
        assertTrue(m.needs(Service.POSTGRES));
        assertEquals("net.ttddyy:datasource-proxy:1.10", m.hiddenDependencies().get(0));
    }

    @Test
    void aCategoryIsScoredByHiddenTestsUnlessItSaysOwnTests() throws IOException {
        Manifest m = ManifestLoader.load(exercise(
                "demo",
                VALID.replace("{id: speed, weight: 30}", "{id: speed, weight: 30, scored_by: own_tests}")
                        .replace("services: [postgres]", "services: [wiremock]")));
        assertFalse(m.rubric().get(0).byOwnTests());
        assertTrue(m.rubric().get(1).byOwnTests());
        assertTrue(m.scoresOwnTests());
        assertTrue(m.hiddenCategory("speed").isEmpty(), "no hidden test earns the own tests' category");
        assertEquals(100.0, m.maxScore(), "its weight counts in the maximum");
    }

    @Test
    void ownTestsScoreOneCategoryNeverTheWholeGrade() throws IOException {
        Path unknown = exercise(
                "demo", VALID.replace("{id: speed, weight: 30}", "{id: speed, weight: 30, scored_by: candidate}"));
        assertTrue(assertThrows(ExerciseException.class, () -> ManifestLoader.load(unknown))
                .getMessage()
                .contains("rubric[1].scored_by: must be hidden_tests or own_tests, was 'candidate'"));
        Path all = exercise(
                "all",
                VALID.replace("id: demo", "id: all")
                        .replace("{id: speed, weight: 30}", "{id: speed, weight: 30, scored_by: own_tests}")
                        .replace("title: Correct, weight: 70}", "title: Correct, weight: 70, scored_by: own_tests}"));
        String message = assertThrows(ExerciseException.class, () -> ManifestLoader.load(all))
                .getMessage();
        assertTrue(message.contains("needs a category scored by hidden tests"), message);
        assertTrue(message.contains("may have one category scored by own_tests, has 2"), message);
    }

    @Test
    void withLimitsKeepsEveryOtherField() throws Exception {
        Manifest m = ManifestLoader.load(exercise("demo", VALID + "allowed_dependencies: [com.google.guava:guava]\n"));
        Limits shorter = new Limits(
                Duration.ofSeconds(1), Duration.ofSeconds(2), m.limits().memoryBytes());
        Manifest changed = m.withLimits(shorter);
        assertEquals(shorter, changed.limits());
        for (RecordComponent c : Manifest.class.getRecordComponents()) {
            if (!c.getName().equals("limits")) {
                assertEquals(c.getAccessor().invoke(m), c.getAccessor().invoke(changed), c.getName() + " must be kept");
            }
        }
    }

    @Test
    void errorsNameTheFileTheFieldAndWhatIsAllowed() throws IOException {
        String bad = VALID.replace("weight: 30", "weight: -5")
                .replace("services: [postgres]", "services: [redis]")
                .replace("time_budget: 1h30m", "time_budget: soon")
                .replace("id: demo", "id: other");
        Path d = exercise("demo", bad);
        ExerciseException e = assertThrows(ExerciseException.class, () -> ManifestLoader.load(d));
        String file = d.resolve("exercise.yaml").toString();
        assertTrue(
                e.getMessage().contains(file + ": rubric[1].weight: must be a number greater than 0, was -5"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains(file + ": services[0]: must be one of postgres, wiremock, was 'redis'"),
                e.getMessage());
        assertTrue(e.getMessage().contains(file + ": time_budget: must be a duration"), e.getMessage());
        assertTrue(
                e.getMessage().contains(file + ": id: must equal the folder name 'demo', was 'other'"), e.getMessage());
    }

    @Test
    void rejectsUnknownFieldsAndDuplicateCategories() throws IOException {
        String bad = VALID.replace("id: speed", "id: correctness") + "colour: blue\n";
        ExerciseException e = assertThrows(ExerciseException.class, () -> ManifestLoader.load(exercise("demo", bad)));
        assertTrue(e.getMessage().contains("colour: is not a known field"), e.getMessage());
        assertTrue(e.getMessage().contains("rubric[1].id: 'correctness' is used twice"), e.getMessage());
    }

    @Test
    void wholeRunMustCoverOneTest() throws IOException {
        String bad = VALID.replace("whole_run: 2m", "whole_run: 5s");
        ExerciseException e = assertThrows(ExerciseException.class, () -> ManifestLoader.load(exercise("demo", bad)));
        assertTrue(e.getMessage().contains("limits.whole_run: must be at least limits.per_test (10s)"), e.getMessage());
    }

    @Test
    void allowedDependenciesAreOptionalGroupArtifactPairs() throws IOException {
        assertEquals(
                java.util.List.of(),
                ManifestLoader.load(exercise("demo", VALID)).allowedDependencies());
        Manifest m = ManifestLoader.load(exercise(
                "demo", VALID + "allowed_dependencies: [\"com.google.guava:guava\", \"org.assertj:assertj-core\"]\n"));
        assertEquals(java.util.List.of("com.google.guava:guava", "org.assertj:assertj-core"), m.allowedDependencies());
    }

    @Test
    void allowedDependencyErrorsNameTheFileTheEntryAndTheForm() throws IOException {
        Path d = exercise("demo", VALID + "allowed_dependencies: [\"com.google.guava:guava:33.3.1-jre\", guava]\n");
        ExerciseException e = assertThrows(ExerciseException.class, () -> ManifestLoader.load(d));
        String file = d.resolve("exercise.yaml").toString();
        assertTrue(
                e.getMessage()
                        .contains(file + ": allowed_dependencies[0]: must be groupId:artifactId (no version), "
                                + "was 'com.google.guava:guava:33.3.1-jre'"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains(file + ": allowed_dependencies[1]: must be groupId:artifactId"),
                e.getMessage());
        ExerciseException notList = assertThrows(
                ExerciseException.class,
                () -> ManifestLoader.load(exercise("demo", VALID + "allowed_dependencies: guava\n")));
        assertTrue(
                notList.getMessage().contains(": allowed_dependencies: must be a list, was string"),
                notList.getMessage());
    }

    @Test
    void policyAllowancesCarryTheApiAndTheReason() throws IOException {
        assertEquals(
                java.util.List.of(),
                ManifestLoader.load(exercise("demo", VALID)).policyAllow());
        Manifest m = ManifestLoader.load(exercise("demo", VALID + """
        policy:
          allow:
            - {api: java.lang.Thread.getAllStackTraces, reason: "the brief asks for a deadlock report"}
            - {api: resource-jars, reason: "a jar of test data"}
        """));
        assertEquals(
                java.util.List.of(
                        new PolicyAllowance(
                                "java.lang.Thread.getAllStackTraces", "the brief asks for a deadlock report"),
                        new PolicyAllowance("resource-jars", "a jar of test data")),
                m.policyAllow());
        assertEquals(java.util.Set.of("java.lang.Thread.getAllStackTraces", "resource-jars"), m.policyAllowed());
    }

    @Test
    void policyAllowanceErrorsNameTheEntry() throws IOException {
        Path d = exercise("demo", VALID + """
        policy:
          allow:
            - {api: everything, reason: "why not"}
            - {api: java.lang.System.exit}
        """);
        ExerciseException e = assertThrows(ExerciseException.class, () -> ManifestLoader.load(d));
        assertTrue(
                e.getMessage().contains("policy.allow[0].api: must be an API as a policy finding names it"),
                e.getMessage());
        assertTrue(e.getMessage().contains("policy.allow[1].reason: is required"), e.getMessage());
    }

    @Test
    void parallelClassesAreOptionalAndNameTheIsolatedOnes() throws IOException {
        assertEquals(
                Parallelism.SEQUENTIAL,
                ManifestLoader.load(exercise("demo", VALID)).parallel());
        Manifest m = ManifestLoader.load(exercise("demo", VALID + """
        parallel:
          classes: 3
          isolated: [ConcurrencyTest, com.acme.demo.hidden.TimingTest]
        """));
        assertEquals(
                new Parallelism(3, java.util.List.of("ConcurrencyTest", "com.acme.demo.hidden.TimingTest")),
                m.parallel());
        assertTrue(m.parallel().parallel());
    }

    @Test
    void parallelErrorsNameTheFieldAndTheRange() throws IOException {
        Path d = exercise("demo", VALID + """
        parallel:
          classes: 40
          isolated: ["not a class"]
          threads: 2
        """);
        ExerciseException e = assertThrows(ExerciseException.class, () -> ManifestLoader.load(d));
        assertTrue(
                e.getMessage().contains("parallel.classes: must be a whole number from 1 to 8, was '40'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("parallel.isolated[0]: must be a test class's"), e.getMessage());
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }

    @Test
    void parsesDurationsAndSizes() {
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(null, Durations.parse("10 minutes"));
        assertEquals(1L << 30, Durations.parseSize("1g"));
        assertEquals(-1, Durations.parseSize("lots"));
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
    }
}
