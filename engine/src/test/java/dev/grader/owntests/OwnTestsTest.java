package dev.grader.owntests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.engine.GradeOptions;
import dev.grader.engine.Grader;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.exercise.ManifestLoader;
import dev.grader.model.CategoryScore;
import dev.grader.model.GradeReport;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.model.OwnTestsEvidence.CategoryCatch;
import dev.grader.model.OwnTestsEvidence.MissedMutant;
import dev.grader.model.ScoredBy;
import dev.grader.report.ReportFormat;
import dev.grader.report.ReportWriter;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real grades of {@code rate-limiter}'s reference solution with a candidate's own tests (the fixture
 * {@code fixtures/own-tests/rate-limiter}, see its README): the share of mutants they catch, the deliberately wrong
 * test named as failing on the reference, coverage, and tests that use the candidate's own API.
 */
@TestTiers.Grades
class OwnTestsTest {

    private static final String WRONG = "MyRateLimiterTest.retryAfterIsOneWholeRefillPeriod";
    private static final String TESTING = """
              - id: testing
                title: The candidate's own tests
                weight: 10
                scored_by: own_tests
            """;
    private static Grader grader;
    private static Exercise rateLimiter;
    /** rate-limiter with a rubric category of 10 points scored by the candidate's own tests. */
    private static Exercise scored;
    /** The fixture exercise adder (two mutants) with the same category. */
    private static Exercise scoredAdder;

    @TempDir
    static Path exercises;

    @BeforeAll
    static void start() throws IOException {
        grader = new Grader(Fixtures.cache(), Fixtures.services(), Fixtures.settings());
        rateLimiter = new ExerciseCatalog(Fixtures.repository().resolve("exercises")).get("rate-limiter");
        scored = withTesting(rateLimiter.dir(), exercises.resolve("rate-limiter"));
        scoredAdder = withTesting(Fixtures.root().resolve("exercises/adder"), exercises.resolve("adder"));
    }

    private static Exercise withTesting(Path exercise, Path copy) throws IOException {
        FileTrees.copyOver(exercise, copy);
        Path manifest = copy.resolve(ManifestLoader.FILE_NAME);
        String yaml = Files.readString(manifest);
        assertTrue(yaml.contains("\nlimits:\n"), "the rubric ends where limits begin");
        Files.writeString(manifest, yaml.replace("\nlimits:\n", "\n" + TESTING + "limits:\n"));
        return new Exercise(copy, ManifestLoader.load(copy));
    }

    @AfterAll
    static void stop() {
        grader.close();
    }

    private static Path withFixtureTests(Path dir) throws IOException {
        Path submission = Variants.solution(rateLimiter, dir.resolve("candidate"));
        FileTrees.copyOver(Fixtures.root().resolve("own-tests/rate-limiter/src"), submission.resolve("src"));
        return submission;
    }

    @Test
    void theFixtureTestsCatchTenOfTheFortyNineMutantsAndTheWrongTestFailsOnTheReference(@TempDir Path dir)
            throws IOException {
        GradeReport r = grader.grade(scored, withFixtureTests(dir), new GradeOptions(1, false));
        assertTrue(r.hiddenFullMarks(), "own tests never change what the hidden tests earn: " + r.categories());
        OwnTestsEvidence e = r.evidence().ownTests();
        CategoryScore testing = r.categories().get(r.categories().size() - 1);
        assertEquals(ScoredBy.OWN_TESTS, testing.scoredBy());
        assertEquals(
                List.of(49, 10, 2.04),
                List.of(testing.tests(), testing.passed(), testing.score()),
                "10 points times 10 of 49 mutants caught");
        assertEquals(List.of(102.04, 110.0, 92.76), List.of(r.score(), r.maxScore(), r.percent()));

        assertEquals(OwnTestsEvidence.EVALUATED, e.status(), e.reason());
        assertNull(e.reason());
        assertTrue(
                r.timing().total() >= e.seconds(),
                "the grade's total time counts the own tests: total "
                        + r.timing().total() + " s, own tests " + e.seconds() + " s");
        assertEquals(
                List.of("src/test/java/com/acme/ratelimit/MyRateLimiterTest.java"),
                e.testFiles(),
                "the starter's visible tests are not the candidate's");
        assertEquals(8, e.tests());
        assertEquals(List.of(WRONG), e.failingOnReference());
        assertEquals(List.of(WRONG), e.failingOnOwnCode(), "the candidate's code is the reference here");
        assertEquals(rateLimiter.mutants().size(), e.mutants(), "every mutant of the exercise");
        assertEquals(10, e.caught(), "the fixture's README says which kinds it leaves out; " + e.byCategory());
        Map<String, String> byCategory = e.byCategory().stream()
                .collect(Collectors.toMap(CategoryCatch::category, c -> c.caught() + "/" + c.mutants()));
        assertEquals(
                Map.of("refill", "3/10", "admission", "7/15", "concurrency", "0/9", "memory", "0/7", "http", "1/10"),
                byCategory);
        MissedMutant checkThenAct = e.missed().stream()
                .filter(m -> m.name().equals("check-then-act"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("Exactly the capacity admitted under contention"), checkThenAct.categories());
        assertTrue(
                checkThenAct.rules().get(0).startsWith("When many threads send requests for the same key"),
                checkThenAct.rules().toString());
        assertNotNull(e.coverage());
        assertTrue(
                e.coverage().lines() > 50
                        && e.coverage().linesCovered() > e.coverage().lines() / 2,
                e.coverage().toString());
        assertTrue(
                e.coverage().branches() > 0 && e.coverage().branchesCovered() > 0,
                e.coverage().toString());
        for (ReportFormat f : ReportFormat.values()) {
            String text = ReportWriter.render(r, f);
            assertTrue(text.contains(WRONG), f + " names the test failing on the reference");
            assertTrue(
                    f == ReportFormat.JSON
                            ? text.matches("(?s).*\"mutants\"\\s*:\\s*49,\\s*\"caught\"\\s*:\\s*10,.*")
                            : text.contains("10 / 49") || text.contains("10 of 49"),
                    f + " states the mutants caught");
            assertTrue(
                    f == ReportFormat.JSON
                            ? text.matches("(?s).*\"scored_by\"\\s*:\\s*\"own_tests\".*")
                            : text.contains("2.04") && text.contains("known mistakes caught by own tests"),
                    f + " shows the points the own tests earned and what they count");
        }
    }

    @Test
    void testsOfTheCandidatesOwnApiRunOnTheirCodeButNotOnTheReference(@TempDir Path dir) throws IOException {
        Path submission = Variants.solution(rateLimiter, dir.resolve("own-api"));
        Path pkg = submission.resolve("src/main/java/com/acme/ratelimit");
        Files.writeString(
                pkg.resolve("Keys.java"),
                "package com.acme.ratelimit;\n\nfinal class Keys {\n  static String normalise(String k) {\n"
                        + "    return k.trim();\n  }\n}\n");
        Path test = Files.createDirectories(submission.resolve("src/test/java/com/acme/ratelimit"))
                .resolve("KeysTest.java");
        Files.writeString(
                test,
                "package com.acme.ratelimit;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;"
                        + "\n\nimport org.junit.jupiter.api.Test;\n\nclass KeysTest {\n  @Test\n  void trims() {\n"
                        + "    assertEquals(\"a\", Keys.normalise(\" a \"));\n  }\n}\n");

        OwnTestsEvidence e = grader.grade(rateLimiter, submission, new GradeOptions(1, false))
                .evidence()
                .ownTests();

        assertEquals(OwnTestsEvidence.EVALUATED, e.status());
        assertEquals(1, e.tests());
        assertEquals(List.of(), e.failingOnOwnCode());
        assertNull(e.mutants(), "not run against the mutants");
        assertTrue(e.reason().startsWith("the tests do not compile against the reference solution"), e.reason());
        assertTrue(e.reason().contains("Keys"), e.reason());
        assertNotNull(e.coverage());
    }

    @Test
    void testsThatBreakTheCodePolicyAreNotRun(@TempDir Path dir) throws IOException {
        Path submission = Variants.solution(rateLimiter, dir.resolve("exits"));
        Path test = Files.createDirectories(submission.resolve("src/test/java/com/acme/ratelimit"))
                .resolve("ExitTest.java");
        Files.writeString(
                test,
                "package com.acme.ratelimit;\n\nimport org.junit.jupiter.api.Test;\n\nclass ExitTest {\n"
                        + "  @Test\n  void exits() {\n    System.exit(3);\n  }\n}\n");

        GradeReport r = grader.grade(rateLimiter, submission, new GradeOptions(1, false));

        assertEquals(100.0, r.score());
        OwnTestsEvidence e = r.evidence().ownTests();
        assertEquals(OwnTestsEvidence.NOT_EVALUATED, e.status());
        assertTrue(
                e.reason().startsWith("the tests use what the exercise's code policy refuses, so they were not run"),
                e.reason());
        assertTrue(e.reason().contains("System.exit"), e.reason());
    }

    @Test
    void testsThatTellTheReferenceApartByAnythingButItsCodeEarnNothing(@TempDir Path dir) throws IOException {
        Path submission = Variants.solution(scoredAdder, dir.resolve("tells-apart"));
        Path marker = Path.of("/tmp", "grader-tell-apart-" + System.nanoTime());
        Path test = submission.resolve("src/test/java/com/acme/adder/TellApartTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, """
                package com.acme.adder;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertTrue;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;

                class TellApartTest {
                  @Test
                  void byItsClassLoader() {
                    assertEquals(3, Adder.add(1, 2));
                    assertEquals("variant-solution", Adder.class.getClassLoader().getName());
                  }

                  @Test
                  void byItsFolder() {
                    assertEquals(3, Adder.add(1, 2));
                    String where = String.valueOf(Adder.class.getResource("Adder.class"));
                    assertTrue(where.contains("/solution/"), where);
                  }

                  @Test
                  void byRunningFirst() throws Exception {
                    assertEquals(3, Adder.add(1, 2));
                    Files.createFile(Path.of("MARKER"));
                  }
                }
                """.replace("MARKER", marker.toString()));
        try {
            GradeReport r = grader.grade(scoredAdder, submission, new GradeOptions(7, false));
            OwnTestsEvidence e = r.evidence().ownTests();
            assertEquals(OwnTestsEvidence.EVALUATED, e.status(), e.reason());
            assertEquals(
                    List.of(
                            "TellApartTest.byItsClassLoader",
                            "TellApartTest.byItsFolder",
                            "TellApartTest.byRunningFirst"),
                    e.failingOnReference().stream().sorted().toList(),
                    "the reference runs twice, each time laid out as every mutant");
            assertEquals(0, e.caught(), e.toString());
            CategoryScore testing = r.categories().get(r.categories().size() - 1);
            assertEquals(List.of(0.0, 2, 0), List.of(testing.score(), testing.tests(), testing.passed()));

            // The control: unscored, the variants share test JVMs, and these tests do tell the reference apart there
            // (SECURITY.md: the evidence's count can be inflated; it earns no points).
            Files.deleteIfExists(marker);
            Exercise adder = Fixtures.fixtureCatalog().get("adder");
            OwnTestsEvidence shared = grader.grade(adder, submission, new GradeOptions(7, false))
                    .evidence()
                    .ownTests();
            assertEquals(2, shared.caught(), shared.toString());
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    @Test
    void withPostgresEveryTestJvmGetsAFreshDatabaseOfItsOwn(@TempDir Path dir) throws IOException {
        Exercise echo = Fixtures.fixtureCatalog().get("pg-echo");
        Path submission = Variants.solution(echo, dir.resolve("echo"));
        FileTrees.copyOver(Fixtures.root().resolve("own-tests/pg-echo/src"), submission.resolve("src"));
        OwnTestsEvidence e = grader.grade(echo, submission, new GradeOptions(3, false))
                .evidence()
                .ownTests();
        assertEquals(OwnTestsEvidence.EVALUATED, e.status(), e.reason());
        assertNull(e.reason());
        assertEquals(List.of(), e.failingOnOwnCode(), "their code's run has a database of its own");
        assertEquals(
                List.of(),
                e.failingOnReference(),
                "each of the reference's two runs has a fresh database: one shared would hold two rows");
        assertEquals(List.of(1, 1), List.of(e.mutants(), e.caught()), e.toString());
    }

    @Test
    void aSubmissionWithOnlyTheStartersTestsHasNoneOfItsOwnAndEarnsNothingForThem(@TempDir Path dir)
            throws IOException {
        GradeReport r =
                grader.grade(scored, Variants.solution(scored, dir.resolve("plain")), new GradeOptions(1, false));
        assertEquals(OwnTestsEvidence.NO_TESTS, r.evidence().ownTests().status());
        CategoryScore testing = r.categories().get(r.categories().size() - 1);
        assertEquals(List.of("testing", 0.0, 10.0), List.of(testing.id(), testing.score(), testing.maxScore()));
        assertEquals(List.of(100.0, 110.0), List.of(r.score(), r.maxScore()));
        assertTrue(r.hiddenFullMarks() && !r.fullMarks(), "what validate asks of a reference: the hidden categories");
    }
}
