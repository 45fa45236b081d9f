package dev.grader.owntests;

import dev.grader.build.CompileResult;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.Manifest;
import dev.grader.exercise.Mutant;
import dev.grader.exercise.Service;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.policy.PolicyCheck;
import dev.grader.run.ForkedTestRunner;
import dev.grader.run.RunOutcome;
import dev.grader.run.RunRequest;
import dev.grader.services.ServiceBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the candidate's own tests ({@link CandidateTests}) against their code (with coverage) in one test JVM, and
 * against the reference solution and every mutant of the exercise in {@code parallel} more, each running its share of
 * the variants one after the other, each variant in a class loader of its own (see {@link RunRequest#variants}); or,
 * where the exercise uses PostgreSQL or scores them, each variant in a test JVM of its own ({@link IsolatedVariants}).
 * The hidden suites' runner, limits and sandbox; the whole within the exercise's whole-run limit. The evidence scores a
 * rubric category only through {@code score.OwnTestsScore}.
 */
public final class OwnTests implements AutoCloseable {

    private final TestJvms jvms;
    private final Path cacheDir;
    private final VariantBuilds builds;
    private final ExecutorService pool;
    private final int parallel;

    /**
     * Runs with {@code runner}, builds cached in {@code cacheDir}, {@code parallel} test JVMs at a
     * time, each with a fresh database from {@code services} when the exercise uses PostgreSQL.
     */
    public OwnTests(ForkedTestRunner runner, Path cacheDir, int parallel, ServiceBroker services) {
        this.jvms = new TestJvms(runner, services);
        this.cacheDir = cacheDir;
        this.builds = new VariantBuilds(cacheDir);
        this.parallel = parallel;
        this.pool = Executors.newFixedThreadPool(parallel, task -> {
            Thread t = new Thread(task, "grader-owntests");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One evaluation: the submission's private {@code project} copy, its compiled {@code mainClasses} (which passed the
     * code policy), the exercise's {@code classpath}, a {@code workDir} of its own and the grade's {@code seed}.
     */
    public record Request(
            Exercise exercise, Path project, Path mainClasses, List<Path> classpath, Path workDir, long seed) {}

    /** The evidence for {@code r}; problems of the candidate's tests are reported in it, never thrown. */
    public OwnTestsEvidence evaluate(Request r) {
        long start = System.nanoTime();
        CandidateTests tests = CandidateTests.find(r.exercise(), r.project());
        if (tests.isEmpty()) {
            return OwnTestsEvidence.noTests();
        }
        Manifest m = r.exercise().manifest();
        long deadline = start + m.limits().wholeRun().toNanos();
        try {
            Path own = Files.createDirectories(r.workDir().resolve("tests-own"));
            Path visible = Files.createDirectories(r.workDir().resolve("tests-visible"));
            CompileResult compiled = tests.compile(with(r.classpath(), r.mainClasses()), own, visible, m.javaRelease());
            if (!compiled.success()) {
                return notEvaluated(
                        tests,
                        "the tests do not compile against the candidate's own code: " + Verdicts.firstErrors(compiled),
                        start);
            }
            PolicyCheck.Outcome policy = PolicyCheck.checkTests(own, m);
            if (!policy.passed()) {
                return notEvaluated(
                        tests,
                        "the tests use what the exercise's code policy refuses, so they were not run: "
                                + policy.violations().get(0).text(),
                        start);
            }
            RunRequest.Coverage coverage = new RunRequest.Coverage(
                    CoverageAnalysis.agentJar(cacheDir),
                    // A folder of its own in the run's: under --sandbox docker the container mounts it from here.
                    Files.createDirectories(r.workDir().resolve("own/run/coverage"))
                            .resolve("jacoco.exec"),
                    CoverageAnalysis.includes(r.mainClasses()));
            Future<RunOutcome> ownRun =
                    pool.submit(() -> run(r, own, visible, r.mainClasses(), "own", deadline, coverage));
            Verdicts verdicts = new Verdicts(r.exercise(), tests.names());
            VariantBuilds.Build solution = builds.solution(r.exercise(), r.classpath());
            Path ref = Files.createDirectories(r.workDir().resolve("tests-reference"));
            Path refVisible = Files.createDirectories(r.workDir().resolve("tests-reference-visible"));
            CompileResult againstReference = solution.classes() == null
                    ? null
                    : tests.compile(with(r.classpath(), solution.classes()), ref, refVisible, m.javaRelease());
            List<Future<RunOutcome>> batches = new ArrayList<>();
            // A database of its own for every variant; and where the own tests score, nothing but its code tells the
            // reference from a mutant.
            boolean isolated = m.scoresOwnTests() || m.needs(Service.POSTGRES);
            if (solution.classes() == null) {
                verdicts.referenceProblem("the reference solution " + solution.problem());
            } else if (!againstReference.success()) {
                verdicts.referenceProblem(
                        "the tests do not compile against the reference solution (they use API the brief"
                                + " does not define, or define differently): "
                                + Verdicts.firstErrors(againstReference));
            } else if (isolated) {
                verdicts.referenceRuns(2);
                List<String> order = IsolatedVariants.order(r.exercise().mutants(), r.seed());
                for (int slot = 0; slot < order.size(); slot++) {
                    String name = order.get(slot);
                    int at = slot;
                    batches.add(pool.submit(() -> IsolatedVariants.runAlone(
                            r,
                            new IsolatedVariants.Slot(at, name, ref, refVisible),
                            name.equals(VariantBuilds.SOLUTION)
                                    ? solution
                                    : builds.mutant(r.exercise(), mutant(r, name), r.classpath()),
                            verdicts,
                            (variants, runDir) -> run(r, ref, variants, runDir, deadline))));
                }
            } else {
                // The reference and the mutants in a few test JVMs, each running its share one variant after the other.
                List<List<Mutant>> shares = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    shares.add(new ArrayList<>());
                }
                List<Mutant> mutants = r.exercise().mutants();
                for (int i = 0; i < mutants.size(); i++) {
                    shares.get((i + 1) % parallel).add(mutants.get(i));
                }
                for (int i = 0; i < parallel; i++) {
                    boolean withSolution = i == 0;
                    List<Mutant> share = shares.get(i);
                    if (!withSolution && share.isEmpty()) {
                        continue;
                    }
                    int n = i;
                    batches.add(pool.submit(() -> runVariants(
                            r,
                            ref,
                            refVisible,
                            withSolution ? solution : null,
                            share,
                            verdicts,
                            "variants-" + n,
                            deadline)));
                }
            }
            verdicts.own(Waiting.get(ownRun, deadline), coverage.execFile(), r.mainClasses());
            for (Future<RunOutcome> batch : batches) {
                verdicts.variants(Waiting.get(batch, deadline));
            }
            List<Mutant> again = batches.isEmpty() || isolated
                    ? List.of()
                    : verdicts.notRun(r.exercise().mutants());
            if (!again.isEmpty()
                    && System.nanoTime() < deadline) { // once more, for those after a variant that ended a JVM
                verdicts.variants(Waiting.get(
                        pool.submit(() ->
                                runVariants(r, ref, refVisible, null, again, verdicts, "variants-again", deadline)),
                        deadline));
            }
            return verdicts.evidence(seconds(start));
        } catch (IOException e) {
            return notEvaluated(tests, "the grader's work folder failed: " + e.getMessage(), start);
        } catch (UncheckedIOException e) {
            return notEvaluated(tests, "the grader failed: " + e.getCause().getMessage(), start);
        }
    }

    /**
     * One test JVM running the tests compiled against the reference ({@code tests}, with the visible ones they use)
     * against {@code solution} (if not null) and each of {@code mutants} (built here when not cached yet; one that does
     * not build is told to {@code verdicts}), each variant in a class loader of its own.
     */
    private RunOutcome runVariants(
            Request r,
            Path tests,
            Path visible,
            VariantBuilds.Build solution,
            List<Mutant> mutants,
            Verdicts verdicts,
            String name,
            long deadline)
            throws IOException {
        List<RunRequest.Variant> variants = new ArrayList<>();
        if (solution != null) {
            variants.add(new RunRequest.Variant(VariantBuilds.SOLUTION, List.of(tests, visible, solution.classes())));
        }
        for (Mutant mutant : mutants) {
            VariantBuilds.Build b = builds.mutant(r.exercise(), mutant, r.classpath());
            if (b.classes() == null) {
                verdicts.unbuilt(mutant.name(), b.problem());
            } else {
                variants.add(new RunRequest.Variant(mutant.name(), List.of(tests, visible, b.classes())));
            }
        }
        return run(
                r,
                tests,
                variants,
                Files.createDirectories(r.workDir().resolve(name).resolve("run")),
                deadline);
    }

    /** One test JVM running {@code tests} against each of {@code variants} in turn. */
    private RunOutcome run(Request r, Path tests, List<RunRequest.Variant> variants, Path runDir, long deadline) {
        return jvms.run(r, r.classpath(), tests, runDir, deadline, null, variants);
    }

    private static Mutant mutant(Request r, String name) {
        return r.exercise().mutants().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** One test JVM: the candidate's compiled tests (and the visible ones they use) against {@code main}. */
    private RunOutcome run(
            Request r, Path tests, Path visible, Path main, String name, long deadline, RunRequest.Coverage coverage)
            throws IOException {
        List<Path> cp = new ArrayList<>(r.classpath());
        cp.add(tests);
        cp.add(visible);
        cp.add(main);
        Path runDir = Files.createDirectories(r.workDir().resolve(name).resolve("run"));
        return jvms.run(r, cp, tests, runDir, deadline, coverage, List.of());
    }

    private static List<Path> with(List<Path> classpath, Path more) {
        List<Path> cp = new ArrayList<>(classpath);
        cp.add(more);
        return cp;
    }

    private static OwnTestsEvidence notEvaluated(CandidateTests tests, String reason, long start) {
        return OwnTestsEvidence.notEvaluated(tests.names(), reason, seconds(start));
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
