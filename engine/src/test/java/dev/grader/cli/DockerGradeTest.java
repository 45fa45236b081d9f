package dev.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.DockerEngine;
import dev.grader.Fixtures;
import dev.grader.TestTiers;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.exercise.Service;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.report.JsonReport;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Docker paths against a real Docker engine, through the command line as a user runs them: every built-in
 * exercise gets its reference solution (full marks) and its first mutant (below full marks) graded at once by
 * {@code grade-all --jobs 2 --sandbox docker} (and {@code --db testcontainers} where it needs PostgreSQL: the
 * database's container joins the test JVMs' network), two of them in a larger mixed batch, and n-plus-one also by
 * {@code grade --db testcontainers} alone; images that cannot be had; a candidate's
 * starter tests on Testcontainers. After each, no container of the grader's is left. The PostgreSQL and JRE images
 * are those of {@code $GRADER_DB_IMAGE} and {@code $GRADER_SANDBOX_IMAGE} (scripts/docker-host.sh builds them
 * locally), else the official ones.
 */
@TestTiers.Docker
class DockerGradeTest {

    private record Result(int code, String out, String err) {}

    @BeforeAll
    static void dockerEngineAnswers() {
        DockerEngine.require();
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--exercises",
                Fixtures.repository().resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString()));
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Every built-in exercise under {@code --sandbox docker} (with {@code --db testcontainers} when it needs
     * PostgreSQL), and n-plus-one with {@code --db testcontainers} alone (a local test JVM); with its first mutant.
     */
    static Stream<Arguments> exercises() throws IOException {
        ExerciseCatalog catalog = new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
        List<Arguments> all = new ArrayList<>();
        List<String> batched = batches().map(a -> (String) a.get()[0]).toList();
        for (Exercise ex : catalog.all()) {
            String mutant = ex.mutants().stream()
                    .map(m -> m.name())
                    .sorted()
                    .findFirst()
                    .orElseThrow();
            if (ex.manifest().id().equals("n-plus-one")) { // one with a local test JVM, to keep the build short
                all.add(Arguments.of(ex.manifest().id(), List.of("--db", "testcontainers"), mutant));
            }
            if (batched.contains(ex.manifest().id())) {
                continue; // its batch grades the same two in Docker sandboxes
            }
            if (ex.manifest().needs(Service.POSTGRES)) {
                all.add(Arguments.of(
                        ex.manifest().id(), List.of("--sandbox", "docker", "--db", "testcontainers"), mutant));
            } else {
                all.add(Arguments.of(ex.manifest().id(), List.of("--sandbox", "docker"), mutant));
            }
        }
        assertTrue(all.size() >= 5, "expected the built-in exercises: " + all);
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("exercises")
    void referenceGetsFullMarksAndAMutantLosesPoints(
            String exercise, List<String> mode, String mutant, @TempDir Path tmp) throws Exception {
        GradeReport solution;
        GradeReport bad;
        if (mode.contains("docker")) { // both at once, each in its container: one grade-all with two jobs
            Exercise ex = new ExerciseCatalog(Fixtures.repository().resolve("exercises")).get(exercise);
            Path subs = Files.createDirectories(tmp.resolve("submissions"));
            Variants.solution(ex, subs.resolve("reference"));
            Variants.mutant(
                    ex,
                    ex.mutants().stream()
                            .filter(m -> m.name().equals(mutant))
                            .findFirst()
                            .orElseThrow(),
                    subs.resolve("mutant"));
            Path out = gradeAll(exercise, subs, mode, tmp.resolve("reports"));
            solution = JsonReport.read(out.resolve("reference").resolve("report.json"));
            bad = JsonReport.read(out.resolve("mutant").resolve("report.json"));
        } else {
            solution = grade(exercise, "solution", mode, tmp.resolve("solution.json"));
            DockerEngine.assertNoGraderContainer();
            bad = grade(exercise, "mutant:" + mutant, mode, tmp.resolve("mutant.json"));
        }
        assertFullMarksFromTheEngine(exercise, mode, solution);
        assertEquals(GradeStatus.GRADED, bad.status(), exercise + " mutant " + mutant + ": " + bad.statusMessage());
        assertTrue(bad.percent() < 100.0, exercise + " mutant " + mutant + " got " + bad.percent() + "%");
        DockerEngine.assertNoGraderContainer();
    }

    /** Full marks, the database from Testcontainers, and under {@code --sandbox docker} the container's launch. */
    private static void assertFullMarksFromTheEngine(String exercise, List<String> mode, GradeReport solution) {
        assertEquals(100.0, solution.percent(), exercise + " solution: " + solution.statusMessage());
        assertTrue(
                solution.environment().database() == null
                        || solution.environment().database().contains("Testcontainers"),
                "the database came from Testcontainers: "
                        + solution.environment().database());
        if (mode.contains("docker")) {
            assertTrue(
                    solution.timing().launch() >= 0.1,
                    "the container's start is the launch phase: " + solution.timing());
        }
    }

    /** {@code grade-all --jobs 2} over {@code subs} in {@code mode}; the reports' folder. */
    private static Path gradeAll(String exercise, Path subs, List<String> mode, Path out) {
        List<String> args = new ArrayList<>(List.of(
                "grade-all",
                "--exercise",
                exercise,
                subs.toString(),
                "--out",
                out.toString(),
                "--jobs",
                "2",
                "--seed",
                "7",
                "--no-progress"));
        args.addAll(mode);
        Result r = run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        return out;
    }

    private static GradeReport grade(String exercise, String variant, List<String> mode, Path json) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "grade", "-e", exercise, "--variant", variant, "--no-color", "--seed", "7", "--json", json.toString()));
        args.addAll(mode);
        Result r = run(args.toArray(String[]::new));
        assertTrue(
                r.code() == ExitCodes.OK || r.code() == ExitCodes.BELOW_BAR,
                "exit " + r.code() + "\n" + r.out() + r.err());
        return JsonReport.read(json);
    }

    /**
     * An image the engine does not hold and cannot pull (no registry here): the grade ends with exit 4 and a message
     * naming the image and the option that chooses another, and leaves no container.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("missingImages")
    void anImageThatCannotBeHadIsAnInfrastructureErrorNamingIt(String exercise, List<String> mode, @TempDir Path tmp)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "grade",
                "-e",
                exercise,
                "--variant",
                "solution",
                "--no-color",
                "--json",
                tmp.resolve("r.json").toString()));
        args.addAll(mode);
        Result r = run(args.toArray(String[]::new));
        assertEquals(ExitCodes.INFRASTRUCTURE, r.code(), r.out() + r.err());
        GradeReport report = JsonReport.read(tmp.resolve("r.json"));
        assertEquals(GradeStatus.INFRASTRUCTURE_ERROR, report.status());
        String option = mode.get(mode.size() - 2);
        assertTrue(
                report.statusMessage().contains("the image " + MISSING + " is not on this Docker engine")
                        && report.statusMessage().contains(option),
                report.statusMessage());
        DockerEngine.assertNoGraderContainer();
    }

    static Stream<Arguments> batches() {
        return Stream.of(
                Arguments.of("rate-limiter", List.of("--sandbox", "docker")),
                Arguments.of("n-plus-one", List.of("--sandbox", "docker", "--db", "testcontainers")));
    }

    private static final String MISSING = "grader-local/no-such-image:0";

    static Stream<Arguments> missingImages() {
        return Stream.of(
                Arguments.of("rate-limiter", List.of("--sandbox", "docker", "--sandbox-image", MISSING)),
                Arguments.of("n-plus-one", List.of("--db", "testcontainers", "--db-image", MISSING)));
    }

    /** A batch of two jobs, each in its container; with a database, both on it through the same network. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void gradeAllWithTwoJobsInDockerSandboxes(String exercise, List<String> mode, @TempDir Path tmp) throws Exception {
        ExerciseCatalog catalog = new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
        Exercise ex = catalog.get(exercise);
        Path subs = Files.createDirectories(tmp.resolve("submissions"));
        Variants.solution(ex, subs.resolve("alice"));
        Variants.solution(ex, subs.resolve("bob"));
        Variants.mutant(
                ex,
                ex.mutants().stream()
                        .sorted((a, b) -> a.name().compareTo(b.name()))
                        .findFirst()
                        .orElseThrow(),
                subs.resolve("carol"));
        FileTrees.copyOver(ex.dir().resolve("starter"), subs.resolve("dave"));
        Path out = gradeAll(exercise, subs, mode, tmp.resolve("reports"));
        for (String good : List.of("alice", "bob")) {
            assertFullMarksFromTheEngine(
                    exercise, mode, JsonReport.read(out.resolve(good).resolve("report.json")));
        }
        for (String weaker : List.of("carol", "dave")) {
            GradeReport report = JsonReport.read(out.resolve(weaker).resolve("report.json"));
            assertTrue(report.percent() < 100.0, weaker + " got " + report.percent() + "%");
        }
        DockerEngine.assertNoGraderContainer();
    }

    /**
     * A candidate's {@code mvn test} with Docker and no {@code GRADER_DB}: the starter's visible tests take the
     * Testcontainers path by default ({@code auto}), pass over the reference solution, and leave no container.
     */
    @Test
    void candidateStarterTestsGetTheirDatabaseFromTestcontainers(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("candidate");
        Result init = run("init", "n-plus-one", project.toString());
        assertEquals(ExitCodes.OK, init.code(), init.out() + init.err());
        FileTrees.copyOver(Fixtures.repository().resolve("exercises/n-plus-one/solution"), project);
        ProcessBuilder mvn = new ProcessBuilder("mvn", "-o", "-q", "test")
                .directory(project.toFile())
                .redirectErrorStream(true);
        mvn.environment().remove("GRADER_DB");
        mvn.environment().remove("GRADER_DB_URL");
        Process p = mvn.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES), "mvn test did not end\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("PostgreSQL for tests: Testcontainers"), "the tests' database:\n" + out);
        DockerEngine.assertNoGraderContainer();
    }

    /**
     * The candidate's own tests run in containers too: in test JVMs that share the variants (adder, no database), and
     * in a test JVM per variant, each with a fresh database in the grader's container (pg-echo). Their event channels'
     * sockets lie deep in a grade's folder on the host and under the mount root in the container.
     */
    @Test
    void theCandidatesOwnTestsRunInContainersWithTheirDatabases(@TempDir Path tmp) throws Exception {
        ExerciseCatalog fixtures = Fixtures.fixtureCatalog();
        Exercise echo = fixtures.get("pg-echo");
        Path echoSubmission = Variants.solution(echo, tmp.resolve("echo"));
        FileTrees.copyOver(Fixtures.root().resolve("own-tests/pg-echo/src"), echoSubmission.resolve("src"));
        OwnTestsEvidence e = ownTests(echoSubmission, "pg-echo", tmp.resolve("echo.json"), "--db", "testcontainers");
        assertEquals(OwnTestsEvidence.EVALUATED, e.status(), e.reason());
        assertEquals(List.of(), e.failingOnReference(), "a fresh database for each of the reference's runs");
        assertEquals(List.of(1, 1), List.of(e.mutants(), e.caught()), e.toString());

        Exercise adder = fixtures.get("adder");
        Path adderSubmission = Variants.solution(adder, tmp.resolve("adder"));
        Files.writeString(
                adderSubmission.resolve("src/test/java/com/acme/adder/MoreAdderTest.java"),
                "package com.acme.adder;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\n"
                        + "import org.junit.jupiter.api.Test;\n\nclass MoreAdderTest {\n  @Test\n  void adds() {\n"
                        + "    assertEquals(3, Adder.add(1, 2));\n  }\n}\n");
        OwnTestsEvidence a = ownTests(adderSubmission, "adder", tmp.resolve("adder.json"));
        assertEquals(OwnTestsEvidence.EVALUATED, a.status(), a.reason());
        assertEquals(List.of(2, 1), List.of(a.mutants(), a.caught()), "subtracts caught, int-overflow not: " + a);
        assertTrue(a.coverage() != null && a.coverage().linesCovered() > 0, "coverage recorded in the container: " + a);
        DockerEngine.assertNoGraderContainer();
    }

    private static OwnTestsEvidence ownTests(Path submission, String exercise, Path json, String... more)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "grade",
                submission.toString(),
                "-e",
                exercise,
                "--exercises",
                Fixtures.root().resolve("exercises").toString(),
                "--sandbox",
                "docker",
                "--no-color",
                "--seed",
                "7",
                "--json",
                json.toString()));
        args.addAll(List.of(more));
        Result r = run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        return JsonReport.read(json).evidence().ownTests();
    }
}
