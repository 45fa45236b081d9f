package dev.grader.engine;

import dev.grader.build.ClasspathResolver;
import dev.grader.build.JavaCompilation;
import dev.grader.engine.ReportAssembler.Stage;
import dev.grader.exercise.Exercise;
import dev.grader.interleave.InterleavingPoints;
import dev.grader.model.CompilePhase;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.GraderSettings;
import dev.grader.model.InfrastructureException;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.owntests.OwnTests;
import dev.grader.policy.PolicyCheck;
import dev.grader.review.Review;
import dev.grader.run.ForkedTestRunner;
import dev.grader.run.IsolatedClasses;
import dev.grader.run.RunOutcome;
import dev.grader.run.Sandbox;
import dev.grader.services.ServiceBroker;
import dev.grader.services.ServiceLease;
import dev.grader.suitecache.CompiledSuites;
import dev.grader.support.Seeds;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.SupportSources;
import dev.grader.workspace.TemporaryFolders;
import dev.grader.workspace.WorkFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The grading pipeline: resolve the exercise's classpath (cached), compile the submission, compile the
 * hidden suites against it, lease services, run the suites in a forked JVM, score against the rubric.
 * One instance serves many grades, also concurrently. Alongside, on a thread of its own, the submission is
 * reviewed ({@link Review}: integrity against the starter, static review of its sources); the review's flags
 * and change summary are in every report, whatever the outcome.
 */
public final class Grader implements AutoCloseable {

    private final ClasspathResolver resolver;
    private final ServiceBroker services;
    private final Path scratch;
    private final ForkedTestRunner runner;
    /** The candidate's own tests against their code, the reference and the mutants (evidence, beside the hidden run). */
    private final OwnTests ownTests;

    private final CompiledSuites suites;

    private final Path supportSources;
    /** The grader's own compiled test-support classes, on the classpath of the hidden suites that use them. */
    private static final Path SUPPORT_CLASSES = supportClasses();
    /** Reviews and service leases run here, beside the pipeline. */
    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "grader-background");
        t.setDaemon(true);
        return t;
    });

    /** A grader whose test JVMs run locally ({@link Sandbox#NONE}), as {@code settings} say. */
    public Grader(Path cacheDir, ServiceBroker services, GraderSettings settings) {
        this(cacheDir, services, Sandbox.NONE, settings);
    }

    /** A grader whose test JVMs run in {@code sandbox} (see SECURITY.md), as {@code settings} say. */
    public Grader(Path cacheDir, ServiceBroker services, Sandbox sandbox, GraderSettings settings) {
        this(cacheDir, services, sandbox, settings, null);
    }

    /** As above, in containers of {@code sandboxImage} for {@link Sandbox#DOCKER} (null: the default). */
    public Grader(
            Path cacheDir, ServiceBroker services, Sandbox sandbox, GraderSettings settings, String sandboxImage) {
        this.resolver = new ClasspathResolver(cacheDir, settings);
        this.services = services;
        try {
            this.scratch = TemporaryFolders.create("grader-");
        } catch (IOException e) {
            throw new InfrastructureException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        this.runner = new ForkedTestRunner(sandbox, cacheDir, settings, sandboxImage);
        this.ownTests =
                new OwnTests(runner, cacheDir, Math.max(2, Runtime.getRuntime().availableProcessors() / 2), services);
        this.suites = new CompiledSuites(cacheDir);
        this.supportSources = scratch.resolve("support-src");
    }

    /** The folder holding the support sources of {@code packages} by package path, unpacked once per set. */
    private synchronized Path supportDir(List<String> packages) {
        Path dir = supportSources.resolve(
                String.join("-", packages.stream().sorted().toList()));
        if (!Files.isDirectory(dir)) {
            SupportSources.copy(packages, dir);
        }
        return dir;
    }

    /** The review of the submission, started when the pipeline asks; the classpath never depends on it. */
    private PendingReview review(Exercise exercise, Path submission) {
        return PendingReview.of(
                project -> CompletableFuture.supplyAsync(
                        () -> {
                            List<String> support = exercise.manifest().support();
                            return Review.of(exercise, project, support.isEmpty() ? null : supportDir(support));
                        },
                        background),
                submission);
    }

    /** The grader's temporary folder, where every grade works (for tests). */
    Path scratch() {
        return scratch;
    }

    /**
     * Grades the Maven project in {@code submission} (its {@code src/main}) against the exercise: resolve the
     * exercise's classpath, compile the submission with the hidden suites, check the compiled code against the code
     * policy, run the suites in a test JVM, score, report.
     * The test JVM starts, the services are leased and the submission is reviewed while the code compiles.
     */
    public GradeReport grade(Exercise exercise, Path submission, GradeOptions options) {
        Path original = submission.toAbsolutePath().normalize();
        PendingReview review = options.reviewed() ? review(exercise, original) : PendingReview.none();
        ReportAssembler report =
                new ReportAssembler(exercise, submission, options.seed(), review, runner.sandboxWarning());
        try (WorkFolder work = WorkFolder.create(scratch, options.keepWorkDir())) {
            // A copy of its own: the review, the compiler and the test JVM only ever see it, so nothing that changes
            // the submission's folder meanwhile (another submission of the batch, say) changes what is graded.
            Path project = FileTrees.copyPrivate(original, work.submission());
            report.reviewing(project);
            return gradeCopy(exercise, project, label(submission), work, options, report);
        } catch (IOException | UncheckedIOException e) {
            return report.infrastructure(workFolderFailed(e));
        }
    }

    private static String workFolderFailed(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return "the grader's work folder failed: " + cause.getMessage();
    }

    /**
     * The grade of {@code project}, the private copy in {@code work}; a failure of the grader's own (no test JVM, no
     * database) is reported here, while the copy the review reads still exists.
     */
    private GradeReport gradeCopy(
            Exercise exercise,
            Path project,
            String label,
            WorkFolder work,
            GradeOptions options,
            ReportAssembler report) {
        try {
            List<Path> classpath = report.timed(Stage.RESOLVE, () -> classpath(exercise));
            try (ServiceLeasing services = ServiceLeasing.start(this.services, exercise, label, background);
                    ForkedTestRunner.Prepared testJvm =
                            runner.prepare(GradeRunRequest.of(exercise, classpath, work, options))) {
                report.launched(testJvm.launchSeconds());
                report.startReview(); // after the test JVM, which waits for nothing, has been started
                JavaCompilation.Compiled compiled =
                        report.timed(Stage.COMPILE, () -> compile(exercise, project, classpath, work));
                if (!compiled.main().success()) {
                    return report.notCompiled(CompilePhase.SUBMISSION, compiled.main());
                }
                if (!compiled.companion().success()) {
                    return report.notCompiled(CompilePhase.HIDDEN_SUITES, compiled.companion());
                }
                Path resources = project.resolve("src/main/resources");
                PolicyCheck.Outcome policy = report.timed(
                        Stage.POLICY, () -> PolicyCheck.check(work.mainClasses(), resources, exercise.manifest()));
                if (!policy.passed()) {
                    return report.policyViolation(policy);
                }
                if (exercise.manifest().support().contains(InterleavingPoints.SUPPORT)) {
                    // After the policy check, which would refuse the hook's dev.grader calls in the submission's code.
                    report.timed(Stage.POLICY, () -> InterleavingPoints.rewrite(work.mainClasses()));
                }
                FileTrees.copyOver(resources, work.mainClasses());
                OwnTestsStage own = OwnTestsStage.start(
                        ownTests,
                        new OwnTests.Request(
                                exercise,
                                project,
                                work.mainClasses(),
                                classpath,
                                work.runDir().resolveSibling("owntests"),
                                options.seed()),
                        background);
                ServiceLease lease = report.timed(Stage.SERVICES, services::await);
                report.database(lease.databaseDescription());
                RunOutcome outcome = report.timed(Stage.TESTS, () -> testJvm.run(lease.systemProperties()));
                report.launched(testJvm.launchSeconds());
                // timing.total counts the candidate's own tests too, which may end after the hidden run
                GradeReport graded = own.addTo(report.graded(outcome));
                OwnTestsEvidence ownTests = graded.evidence().ownTests();
                if (exercise.manifest().scoresOwnTests() && ownTests != null && ownTests.failedByGrader()) {
                    return report.infrastructure("the candidate's own tests, which this exercise scores, could not be"
                            + " evaluated: " + ownTests.reason());
                }
                return report.restamped(graded);
            }
        } catch (InfrastructureException e) {
            return report.infrastructure(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return report.infrastructure(workFolderFailed(e));
        }
    }

    /**
     * The exercise's own dependencies (whatever the submission's pom.xml adds is never on this classpath), and the
     * grader's compiled test-support classes for the exercises that use them.
     */
    public List<Path> classpath(Exercise exercise) {
        List<Path> classpath = new ArrayList<>(resolver.resolve(exercise));
        if (!exercise.manifest().support().isEmpty()) {
            classpath.add(SUPPORT_CLASSES);
        }
        return classpath;
    }

    /**
     * The submission and the hidden suites, the suites' classes reused for an API graded before; never while another
     * grade's isolated test classes run ({@link IsolatedClasses}).
     */
    private JavaCompilation.Compiled compile(Exercise exercise, Path project, List<Path> classpath, WorkFolder work) {
        return IsolatedClasses.shared(() -> suites.compile(
                exercise, project, classpath, work.mainClasses(), work.hiddenClasses(), hiddenSources(exercise)));
    }

    /**
     * {@code project}'s sources into {@code mainClasses}, with the exercise's hidden suites in the same compiler run
     * against them into {@code hiddenClasses}: as every grade compiles (PIT's run of the reference too).
     */
    public static JavaCompilation.Compiled compile(
            Exercise exercise, Path project, List<Path> classpath, Path mainClasses, Path hiddenClasses) {
        return JavaCompilation.compileTree(
                project.resolve("src/main/java"),
                classpath,
                mainClasses,
                exercise.manifest().javaRelease(),
                project,
                new JavaCompilation.Companion(hiddenSources(exercise), hiddenClasses, exercise.dir()));
    }

    private static String label(Path submission) {
        Path name = submission.getFileName();
        return name == null ? "submission" : name.toString();
    }

    /**
     * The report of a submission that could not be read as a project (see {@link GradeStatus#REJECTED}): score 0,
     * with {@code message} saying why.
     */
    public static GradeReport rejected(Exercise exercise, Path submission, long seed, String message) {
        return new ReportAssembler(exercise, submission, seed, PendingReview.none(), null).rejected(message);
    }

    /** The report of a grade the grader could not do (see {@link GradeStatus#INFRASTRUCTURE_ERROR}): score 0. */
    public static GradeReport infrastructure(Exercise exercise, Path submission, long seed, String message) {
        return new ReportAssembler(exercise, submission, seed, PendingReview.none(), null).infrastructure(message);
    }

    /** The hidden suites' sources, read where the exercise keeps them (the compiler only reads them). */
    private static List<Path> hiddenSources(Exercise exercise) {
        return FileTrees.files(exercise.hidden(), ".java");
    }

    /** The jar (a folder in a development build) that the grader's own {@code dev.grader.support} classes come from. */
    private static Path supportClasses() {
        try {
            return Path.of(Seeds.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot find the grader's test-support classes: " + e, e);
        }
    }

    @Override
    public void close() {
        ownTests.close();
        runner.close();
        services.close();
        background.shutdownNow();
        TemporaryFolders.delete(scratch); // unless a grade kept its work folder (for debugging)
    }
}
