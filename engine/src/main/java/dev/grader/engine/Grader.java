package dev.grader.engine;

import dev.grader.build.ClasspathResolver;
import dev.grader.build.CompileResult;
import dev.grader.build.JavaCompilation;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.Manifest;
import dev.grader.report.ChangeSummary;
import dev.grader.report.Flag;
import dev.grader.report.GradeReport;
import dev.grader.report.GradeReport.Compilation;
import dev.grader.report.GradeReport.Environment;
import dev.grader.report.GradeReport.ExerciseInfo;
import dev.grader.report.GradeReport.RunInfo;
import dev.grader.report.GradeReport.Timing;
import dev.grader.report.GradeStatus;
import dev.grader.review.FlagKind;
import dev.grader.review.Review;
import dev.grader.run.ForkedTestRunner;
import dev.grader.run.RunOutcome;
import dev.grader.run.RunRequest;
import dev.grader.run.Sandbox;
import dev.grader.run.TestStatus;
import dev.grader.score.Scorer;
import dev.grader.score.TestScore;
import dev.grader.support.Seeds;
import dev.grader.workspace.SupportSources;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  private final Path supportSources;
  /** The grader's own compiled test-support classes, on the classpath of the hidden suites that use them. */
  private static final Path SUPPORT_CLASSES = supportClasses();
  /** A grade kept its work folder (for debugging): the scratch folder stays. */
  private volatile boolean keptWork;
  /** Reviews and service leases run here, beside the pipeline. */
  private final ExecutorService background = Executors.newCachedThreadPool(task -> {
    Thread t = new Thread(task, "grader-background");
    t.setDaemon(true);
    return t;
  });

  public Grader(Path cacheDir, ServiceBroker services) {
    this(cacheDir, services, Sandbox.NONE);
  }

  /** A grader whose test JVMs run in {@code sandbox} (see SECURITY.md). */
  public Grader(Path cacheDir, ServiceBroker services, Sandbox sandbox) {
    this.resolver = new ClasspathResolver(cacheDir);
    this.services = services;
    try {
      this.scratch = Files.createTempDirectory("grader-");
    } catch (IOException e) {
      throw new InfrastructureException("cannot create a temporary folder: " + e.getMessage(), e);
    }
    this.runner = new ForkedTestRunner(sandbox, cacheDir);
    this.supportSources = scratch.resolve("support-src");
  }

  /** The folder holding the support sources of {@code packages} by package path, unpacked once per set. */
  private synchronized Path supportDir(List<String> packages) {
    Path dir = supportSources.resolve(String.join("-", packages.stream().sorted().toList()));
    if (!Files.isDirectory(dir)) {
      SupportSources.copy(packages, dir);
    }
    return dir;
  }

  /** Starts reviewing the submission; the classpath never depends on it (it comes from the starter's pom). */
  private CompletableFuture<Review> startReview(Exercise exercise, Path submission) {
    return CompletableFuture.supplyAsync(() -> {
      List<String> support = exercise.manifest().support();
      return Review.of(exercise, submission, support.isEmpty() ? null : supportDir(support));
    }, background);
  }

  /** The grader's temporary folder, where every grade works (for tests). */
  Path scratch() {
    return scratch;
  }

  /** Grades the Maven project in {@code submission} (its {@code src/main}) against the exercise. */
  public GradeReport grade(Exercise exercise, Path submission, GradeOptions options) {
    long t0 = System.nanoTime();
    Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Manifest m = exercise.manifest();
    Builder r = new Builder(exercise, submission, options.seed(), startedAt);
    r.startReview = () -> startReview(exercise, submission);
    r.sandboxWarning = runner.sandboxWarning();
    Path work = null;
    try {
      long tResolve = System.nanoTime();
      // The exercise's own dependencies: whatever the submission's pom.xml adds is never on this classpath.
      List<Path> libraries = resolver.resolve(exercise);
      r.resolveSeconds = seconds(tResolve);
      // The test-support classes (a fresh database, the fake downstream, seeds) come compiled, from the grader's own
      // support jar, for the exercises that use them.
      List<Path> classpath = new ArrayList<>(libraries);
      if (!m.support().isEmpty()) {
        classpath.add(SUPPORT_CLASSES);
      }

      work = Files.createTempDirectory(scratch, "grade-");
      Path project = submission.toAbsolutePath().normalize();
      Path mainClasses = Files.createDirectories(work.resolve("classes/main"));
      Path hiddenClasses = Files.createDirectories(work.resolve("classes/hidden"));
      Path runDir = Files.createDirectories(work.resolve("run"));
      // The services (a fresh database; the grader process's first one starts the server) come while the test JVM
      // starts and the code compiles; the test JVM is given them with "go".
      CompletableFuture<ServiceLease> leasing = CompletableFuture.supplyAsync(
          () -> services.lease(exercise, submission.getFileName().toString()), background);
      try {
        Map<String, String> props = Map.of("grader.seed", Long.toString(options.seed()));
        // The libraries first (the same jars on every grade: the test JVM maps them from a class archive), the
        // submission's classes last: a class of its own named like a library's (a no-op
        // org.junit.jupiter.api.Assertions, say) or like a hidden one never shadows the real one.
        List<Path> runCp = new ArrayList<>(classpath);
        runCp.add(hiddenClasses);
        runCp.add(mainClasses);
        RunRequest request = new RunRequest(runCp, hiddenClasses, runDir, m.limits().perTest(), m.limits().wholeRun(),
            m.limits().memoryOption(), props, m.needs("postgres"));
        // The test JVM starts now and loads the JUnit Platform while the code compiles.
        try (ForkedTestRunner.Prepared testJvm = runner.prepare(request)) {
          r.review = r.startReview.get(); // after the test JVM, which waits for nothing, has been started
          long tCompile = System.nanoTime();
          // The hidden suites in the same compiler run, against the submission's sources, into their own folder.
          JavaCompilation.Compiled compiled = JavaCompilation.compileTree(project.resolve("src/main/java"), classpath,
              mainClasses, m.javaRelease(), project,
              new JavaCompilation.Companion(hiddenSources(exercise), hiddenClasses, exercise.dir()));
          r.compileSeconds = seconds(tCompile);
          CompileResult main = compiled.main();
          if (!main.success()) {
            return r.notCompiled("submission", main, "the submission does not compile", t0);
          }
          CompileResult hidden = compiled.companion();
          if (!hidden.success()) {
            return r.notCompiled("hidden-suites", hidden,
                "the hidden suites do not compile against the submission: its API differs from the one the brief fixes", t0);
          }
          FileTrees.copyOver(project.resolve("src/main/resources"), mainClasses);
          ServiceLease lease = leased(leasing);
          r.database = lease.databaseDescription();
          long tTests = System.nanoTime();
          RunOutcome outcome = testJvm.run(lease.systemProperties());
          r.testSeconds = seconds(tTests);
          return r.graded(outcome, t0);
        }
      } finally {
        // Now, or when it comes (a submission that did not compile does not wait for a database server).
        leasing.whenComplete((lease, error) -> {
          if (lease != null) {
            lease.close();
          }
        });
      }
    } catch (InfrastructureException e) {
      return r.infrastructure(e.getMessage(), t0);
    } catch (IOException e) {
      return r.infrastructure("the grader's work folder failed: " + e.getMessage(), t0);
    } catch (UncheckedIOException e) {
      return r.infrastructure("the grader's work folder failed: " + e.getCause().getMessage(), t0);
    } finally {
      if (work != null && !options.keepWorkDir()) {
        FileTrees.deleteQuietly(work);
      } else if (work != null) {
        keptWork = true;
        System.err.println("grader: work folder kept: " + work);
      }
    }
  }

  /** The services leased for a grade, or the reason they could not be had. */
  private static ServiceLease leased(CompletableFuture<ServiceLease> leasing) {
    try {
      return leasing.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof InfrastructureException cause) {
        throw cause;
      }
      throw new InfrastructureException("the exercise's services could not be had: " + e.getCause(), e.getCause());
    }
  }

  /**
   * The report of a submission that could not be read as a project (see {@link GradeStatus#REJECTED}): score 0,
   * with {@code message} saying why.
   */
  public static GradeReport rejected(Exercise exercise, Path submission, long seed, String message) {
    Builder r = new Builder(exercise, submission, seed, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    return r.build(GradeStatus.REJECTED, message, Scorer.score(exercise.manifest(), List.of()), null, null, List.of(),
        System.nanoTime());
  }

  /** The report of a grade the grader could not do (see {@link GradeStatus#INFRASTRUCTURE_ERROR}): score 0. */
  public static GradeReport infrastructure(Exercise exercise, Path submission, long seed, String message) {
    Builder r = new Builder(exercise, submission, seed, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    return r.infrastructure(message, System.nanoTime());
  }

  /** The hidden suites' sources, read where the exercise keeps them (the compiler only reads them). */
  private static List<Path> hiddenSources(Exercise exercise) {
    return FileTrees.files(exercise.hidden(), ".java");
  }

  /** The jar (a folder in a development build) that the grader's own {@code dev.grader.support} classes come from. */
  private static Path supportClasses() {
    try {
      return Path.of(Seeds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot find the grader's test-support classes: " + e, e);
    }
  }

  @Override
  public void close() {
    runner.close();
    services.close();
    background.shutdownNow();
    if (!keptWork) {
      FileTrees.deleteQuietly(scratch);
    }
  }

  private static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }

  /** Collects what a report needs as the pipeline goes. */
  private static final class Builder {
    final Exercise exercise;
    final Path submission;
    final long seed;
    final Instant startedAt;
    double resolveSeconds;
    double compileSeconds;
    double testSeconds;
    String database;
    /** The integrity check and the static review, running while the pipeline goes on. */
    CompletableFuture<Review> review;
    /** Starts {@link #review}; null for reports of submissions that are not reviewed. */
    java.util.function.Supplier<CompletableFuture<Review>> startReview;
    /** Filled from {@link #review} when the report is built. */
    /** What the sandbox the tests ran in does not contain; null when nothing to say. */
    String sandboxWarning;
    final List<Flag> flags = new ArrayList<>();
    ChangeSummary changes;

    Builder(Exercise exercise, Path submission, long seed, Instant startedAt) {
      this.exercise = exercise;
      this.submission = submission;
      this.seed = seed;
      this.startedAt = startedAt;
    }

    GradeReport notCompiled(String phase, CompileResult result, String message, long t0) {
      collectReview();
      if (phase.equals("submission")
          && flags.stream().anyMatch(f -> f.kind().equals(FlagKind.DEPENDENCY_NOT_ALLOWED.id()))) {
        message += "; dependencies added to pom.xml are not on the grader's classpath, which holds the exercise's"
            + " own dependencies only";
      }
      return build(GradeStatus.DOES_NOT_COMPILE, message, Scorer.score(exercise.manifest(), List.of()),
          new Compilation(phase, result.diagnostics()), null, List.of(), t0);
    }

    GradeReport infrastructure(String message, long t0) {
      return build(GradeStatus.INFRASTRUCTURE_ERROR, message, Scorer.score(exercise.manifest(), List.of()), null, null,
          List.of(), t0);
    }

    GradeReport graded(RunOutcome outcome, long t0) {
      Scorer.Scored scored = Scorer.score(exercise.manifest(), exercise.rules(), outcome.tests());
      List<String> warnings = new ArrayList<>();
      for (TestScore t : scored.tests()) {
        if (t.category().equals(Scorer.UNCATEGORISED)) {
          warnings.add("hidden test " + t.name() + " has no rubric category tag; it earns no points");
        }
      }
      if (sandboxWarning != null) {
        warnings.add(sandboxWarning);
      }
      int notRun = (int) outcome.tests().stream().filter(t -> t.status() == TestStatus.NOT_RUN).count();
      String message = outcome.endingMessage();
      if (notRun > 0) {
        message = (message == null ? "" : message + "; ") + notRun + " test" + (notRun == 1 ? "" : "s") + " did not run";
      } else if (outcome.completed() && outcome.tests().isEmpty()) {
        message = "the hidden suites held no tests";
      }
      RunInfo run = new RunInfo(outcome.ending(), message, outcome.exitCode(), outcome.tests().size(), notRun,
          outcome.stdoutExcerpt(), outcome.stderrExcerpt());
      return build(GradeStatus.GRADED, message, scored, null, run, warnings, t0);
    }

    /** Waits for the review and takes its flags and change summary; a failed review becomes an info flag. */
    void collectReview() {
      if (review == null && startReview != null) {
        review = startReview.get(); // the pipeline stopped before it started the review
      }
      startReview = null;
      if (review == null) {
        return;
      }
      try {
        Review done = review.join();
        flags.addAll(done.flags());
        changes = done.changes();
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        flags.add(FlagKind.REVIEW_FAILED.flag(null, null, "the submission could not be reviewed: " + cause));
      }
      review = null;
    }

    private GradeReport build(GradeStatus status, String message, Scorer.Scored scored, Compilation compilation,
        RunInfo run, List<String> warnings, long t0) {
      collectReview();
      Manifest m = exercise.manifest();
      double percent = scored.maxScore() == 0 ? 0 : Math.round(scored.score() * 1000.0 / scored.maxScore()) / 10.0;
      return new GradeReport(GradeReport.FORMAT, GradeReport.VERSION, GraderInfo.version(),
          new ExerciseInfo(m.id(), m.version(), m.title()), submission.toString(), status, message, seed,
          scored.score(), scored.maxScore(), percent, scored.categories(), scored.tests(), compilation, run, warnings,
          flags, changes, new Environment(System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
              System.getProperty("os.name") + " " + System.getProperty("os.arch"), database),
          new Timing(resolveSeconds, compileSeconds, testSeconds, seconds(t0)), startedAt.toString());
    }
  }
}
