package dev.grader.report;

import dev.grader.model.CategoryScore;
import dev.grader.model.ChangeSummary;
import dev.grader.model.CompilePhase;
import dev.grader.model.Diagnostic;
import dev.grader.model.Evidence;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.PolicyViolation;
import dev.grader.model.RunEnding;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Grade reports built by hand for the report renderers' tests. */
public final class SampleReports {

    /** A message that would run a script, load a remote image and break out of an attribute if not escaped. */
    public static final String HOSTILE = "<script>alert(1)</script><img src=\"http://evil.example/x.png\""
            + " onerror=\"document.body.setAttribute('data-pwned','img')\"> ' \" & </td></table>";

    /** Injected markup a browser test can detect: it marks the body if it ever runs. */
    public static final String MARKING_SCRIPT = "<script>document.body.setAttribute('data-pwned','script')</script>";

    public static final GradeReport.ExerciseInfo EXERCISE =
            new GradeReport.ExerciseInfo("rate-limiter", 1, "Per-client rate limiter");

    private SampleReports() {}

    /** The rubric of {@link #realistic()}: id, title, weight, hint. */
    private static final String[][] RUBRIC = {
        {"refill", "Exact refill", "25", "Tokens come back at the configured rate, to the token, with no drift."},
        {"concurrency", "Concurrency", "25", "Many threads share one bucket: never more than capacity, no lost updates."
        },
        {"http", "HTTP filter", "20", "Rejected requests get 429 with a Retry-After in whole seconds."},
        {"headers", "RateLimit headers", "15", "Every response carries RateLimit and RateLimit-Policy headers."},
        {"hygiene", "Resource hygiene", "15", "Idle clients' buckets are evicted; memory stays bounded."},
    };

    /**
     * A graded report that lost points in several ways: failed, timed-out and not-run tests, a run stopped by its
     * time limit, a hostile message, review flags and a change summary. 55 of 100 points.
     */
    public static GradeReport realistic() {
        List<TestScore> tests = new ArrayList<>();
        for (String m : List.of(
                "refillsAtConfiguredRate",
                "neverExceedsCapacity",
                "partialTokensAccumulate",
                "refillIsClockDriven",
                "burstAfterIdle")) {
            tests.add(passed("RefillTest", m, "refill", 5));
        }
        tests.add(passed("ConcurrencyTest", "independentClientsDoNotInterfere", "concurrency", 5));
        tests.add(
                new TestScore(
                        "ConcurrencyTest.exactlyCapacityUnderContention",
                        "com.acme.ratelimit.hidden.ConcurrencyTest",
                        "exactlyCapacityUnderContention()",
                        "concurrency",
                        TestStatus.FAILED,
                        0,
                        5,
                        "admitted 137 of 200 requests within one window; the limit is 100",
                        0.412,
                        "acquire: 137 granted\n",
                        "org.opentest4j.AssertionFailedError: admitted 137 of 200 requests\n"
                                + "\tat com.acme.ratelimit.hidden.ConcurrencyTest.exactlyCapacityUnderContention(ConcurrencyTest.java:58)"));
        tests.add(new TestScore(
                "ConcurrencyTest.noLostUpdates",
                "com.acme.ratelimit.hidden.ConcurrencyTest",
                "noLostUpdates()",
                "concurrency",
                TestStatus.TIMED_OUT,
                0,
                5,
                "still running after its 5 s limit (a deadlock or a busy wait?)",
                5.0,
                null,
                null));
        tests.add(passed("ConcurrencyTest", "tokensNeverNegative", "concurrency", 5));
        tests.add(new TestScore(
                "ConcurrencyTest.fairAcrossClients",
                "com.acme.ratelimit.hidden.ConcurrencyTest",
                "fairAcrossClients()",
                "concurrency",
                TestStatus.FAILED,
                0,
                5,
                "client b got 3 of its 50 requests while client a got 97 of 50",
                0.231,
                null,
                "org.opentest4j.AssertionFailedError: unfair"));
        for (String m : List.of("rejectsWith429", "passesThroughUnderLimit", "keysByClientHeader")) {
            tests.add(passed("HttpFilterTest", m, "http", 5));
        }
        tests.add(new TestScore(
                "HttpFilterTest.retryAfterIsWholeSeconds",
                "com.acme.ratelimit.hidden.HttpFilterTest",
                "retryAfterIsWholeSeconds()",
                "http",
                TestStatus.FAILED,
                0,
                5,
                "Retry-After was \"" + "0.4" + "\"; expected whole seconds. Body: " + HOSTILE + MARKING_SCRIPT,
                0.05,
                "response body: " + MARKING_SCRIPT,
                "org.opentest4j.AssertionFailedError: Retry-After"));
        tests.add(passed("HeadersTest", "rateLimitPolicyHeader", "headers", 5));
        tests.add(new TestScore(
                "HeadersTest.remainingCountsDown",
                "com.acme.ratelimit.hidden.HeadersTest",
                "remainingCountsDown()",
                "headers",
                TestStatus.NOT_RUN,
                0,
                5,
                "not run: the run was stopped at its time limit",
                0,
                null,
                null));
        tests.add(new TestScore(
                "HeadersTest.resetIsDeltaSeconds",
                "com.acme.ratelimit.hidden.HeadersTest",
                "resetIsDeltaSeconds()",
                "headers",
                TestStatus.NOT_RUN,
                0,
                5,
                "not run: the run was stopped at its time limit",
                0,
                null,
                null));
        tests.add(new TestScore(
                "HygieneTest.evictsIdleBuckets",
                "com.acme.ratelimit.hidden.HygieneTest",
                "evictsIdleBuckets()",
                "hygiene",
                TestStatus.FAILED,
                0,
                7.5,
                "100000 idle clients kept 100000 buckets after the idle timeout; expected at most 1000",
                1.9,
                null,
                "org.opentest4j.AssertionFailedError: 100000 buckets"));
        tests.add(new TestScore(
                "HygieneTest.boundedMemory",
                "com.acme.ratelimit.hidden.HygieneTest",
                "boundedMemory()",
                "hygiene",
                TestStatus.NOT_RUN,
                0,
                7.5,
                "not run: the run was stopped at its time limit",
                0,
                null,
                null));
        List<CategoryScore> categories = categoriesOf(tests, true);
        List<Flag> flags = List.of(
                new Flag("dependency-added", Flag.WARNING, "pom.xml", 31, "adds com.google.guava:guava:33.0.0-jre"),
                new Flag(
                        "large-change",
                        Flag.INFO,
                        null,
                        null,
                        "312 lines added, more than twice the reference solution"),
                new Flag(
                        "system-exit",
                        Flag.ALERT,
                        "src/main/java/com/acme/ratelimit/RateLimiter.java",
                        42,
                        "calls System.exit " + MARKING_SCRIPT));
        ChangeSummary changes = new ChangeSummary(
                List.of(
                        "src/main/java/com/acme/ratelimit/TokenBucket.java",
                        "src/main/java/com/acme/ratelimit/Clock.java",
                        "src/main/java/com/acme/ratelimit/BucketStore.java"),
                List.of("src/main/java/com/acme/ratelimit/RateLimiter.java", "pom.xml"),
                List.of(),
                312,
                40);
        GradeReport.RunInfo run = new GradeReport.RunInfo(
                RunEnding.TIMED_OUT,
                "the run took longer than its 60 s limit and was stopped; 3 tests did not run",
                null,
                19,
                3,
                null,
                "Exception in thread \"pool-1\" java.lang.OutOfMemoryError: Java heap space\n");
        return report(
                        "/home/hr/submissions/alice",
                        GradeStatus.GRADED,
                        null,
                        categories,
                        tests,
                        null,
                        run,
                        List.of("HygieneTest.tagless has no rubric tag and earns nothing"),
                        flags,
                        changes)
                .withEvidence(Evidence.none().withCode(SampleCode.realistic()));
    }

    /** A submission whose own code did not compile: two diagnostics, one of them hostile. */
    public static GradeReport doesNotCompile() {
        List<CategoryScore> categories = categoriesOf(List.of(), false);
        GradeReport.Compilation compilation = new GradeReport.Compilation(
                CompilePhase.SUBMISSION,
                List.of(
                        new Diagnostic(
                                "src/main/java/com/acme/ratelimit/RateLimiter.java",
                                17,
                                9,
                                "cannot find symbol\n  symbol:   class Bucket\n  location: class com.acme.ratelimit.RateLimiter"),
                        new Diagnostic(
                                "src/main/java/com/acme/ratelimit/Clock.java",
                                3,
                                1,
                                "class, interface expected " + HOSTILE)));
        return report(
                "bob",
                GradeStatus.DOES_NOT_COMPILE,
                "2 compile errors in the submission",
                categories,
                List.of(),
                compilation,
                null,
                List.of(),
                List.of(),
                null);
    }

    /** A submission that compiled but breaks the code policy: reflection through a run-time name, a jar in resources. */
    public static GradeReport policyViolation() {
        List<PolicyViolation> violations = List.of(
                new PolicyViolation(
                        "reflection",
                        "finds or uses classes and members by name",
                        "java.lang.reflect.Method.invoke",
                        "com/acme/ratelimit/Tuning.java",
                        41,
                        null),
                new PolicyViolation(
                        "access-override",
                        "overrides Java's access checks " + HOSTILE,
                        "java.lang.reflect.Field.setAccessible",
                        "com/acme/ratelimit/Tuning.java",
                        42,
                        null),
                new PolicyViolation(
                        "resource-jars",
                        "ships jar files in src/main/resources",
                        "jar file",
                        "src/main/resources/lib/helper.jar",
                        null,
                        null));
        return new GradeReport(
                GradeReport.FORMAT,
                GradeReport.VERSION,
                "0.1.0",
                EXERCISE,
                "dave",
                GradeStatus.POLICY_VIOLATION,
                "the submission breaks the exercise's code policy (3 violations)",
                421337,
                0,
                100,
                0,
                categoriesOf(List.of(), false),
                List.of(),
                null,
                violations,
                null,
                List.of(),
                List.of(),
                null,
                new GradeReport.Environment("Eclipse Adoptium 17.0.15", "Linux amd64", null),
                new GradeReport.Timing(0.1, 0.9, 0.04, 0, 0.01, 0, 1.1),
                "2026-11-22T09:00:00Z",
                null);
    }

    /** The grader could not get a database. */
    public static GradeReport infrastructureError() {
        return report(
                "carol",
                GradeStatus.INFRASTRUCTURE_ERROR,
                "no PostgreSQL server: Docker not found and the embedded server did not start",
                categoriesOf(List.of(), false),
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                null);
    }

    /**
     * A graded report for a leaderboard: {@code points} per category of the rubric (in order), each category's
     * tests passing in proportion.
     */
    public static GradeReport graded(String submission, double... points) {
        List<CategoryScore> categories = new ArrayList<>();
        double total = 0;
        double max = 0;
        for (int i = 0; i < RUBRIC.length; i++) {
            double weight = Double.parseDouble(RUBRIC[i][2]);
            double p = i < points.length ? points[i] : 0;
            int passed = (int) Math.round(4 * p / weight);
            categories.add(new CategoryScore(RUBRIC[i][0], RUBRIC[i][1], p, weight, 4, passed, RUBRIC[i][3]));
            total += p;
            max += weight;
        }
        return new GradeReport(
                GradeReport.FORMAT,
                GradeReport.VERSION,
                "0.1.0",
                EXERCISE,
                submission,
                GradeStatus.GRADED,
                null,
                421337,
                total,
                max,
                Math.round(1000 * total / max) / 10.0,
                categories,
                List.of(),
                null,
                List.of(),
                new GradeReport.RunInfo(RunEnding.COMPLETED, null, 0, 20, 0, null, null),
                List.of(),
                List.of(),
                null,
                new GradeReport.Environment("Eclipse Adoptium 17.0.15", "Linux amd64", null),
                new GradeReport.Timing(0.1, 0.9, 0.05, 0.2, 0.01, 2.3, 3.4),
                "2026-11-22T09:00:00Z",
                null);
    }

    /** Any report with every field a submission can influence set to {@code text}. */
    public static GradeReport everywhere(String text) {
        List<TestScore> tests = List.of(
                new TestScore(text, text, text, "refill", TestStatus.FAILED, 0, 50, text, 0.1, text, text),
                new TestScore(text + "2", text, text, "refill", TestStatus.PASSED, 50, 50, null, 0.1, text, null));
        List<CategoryScore> categories = List.of(new CategoryScore("refill", text, 50, 100, 2, 1, text));
        return new GradeReport(
                GradeReport.FORMAT,
                GradeReport.VERSION,
                text,
                new GradeReport.ExerciseInfo(text, 1, text),
                text,
                GradeStatus.GRADED,
                text,
                1,
                50,
                100,
                50,
                categories,
                tests,
                new GradeReport.Compilation(CompilePhase.HIDDEN_SUITES, List.of(new Diagnostic(text, 1, 2, text))),
                List.of(new PolicyViolation(text, text, text, text, 4, text)),
                new GradeReport.RunInfo(RunEnding.CRASHED, text, 137, 2, 0, text, text),
                List.of(text),
                List.of(new Flag(text, Flag.ALERT, text, 3, text)),
                new ChangeSummary(List.of(text), List.of(text), List.of(text), 1, 1),
                new GradeReport.Environment(text, text, text),
                new GradeReport.Timing(0, 0, 0, 0, 0, 0, 0),
                text,
                Evidence.none().withCode(SampleCode.everywhere(text)));
    }

    private static TestScore passed(String cls, String method, String category, double points) {
        return new TestScore(
                cls + "." + method,
                "com.acme.ratelimit.hidden." + cls,
                method + "()",
                category,
                TestStatus.PASSED,
                points,
                points,
                null,
                0.02,
                null,
                null);
    }

    /** The categories of the rubric scored from {@code tests} (all zero when there are none). */
    private static List<CategoryScore> categoriesOf(List<TestScore> tests, boolean withTests) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (TestScore t : tests) {
            double[] s = sums.computeIfAbsent(t.category(), k -> new double[3]);
            s[0] += t.score();
            s[1]++;
            s[2] += t.passed() ? 1 : 0;
        }
        List<CategoryScore> categories = new ArrayList<>();
        for (String[] c : RUBRIC) {
            double[] s = sums.getOrDefault(c[0], new double[3]);
            categories.add(new CategoryScore(
                    c[0], c[1], s[0], Double.parseDouble(c[2]), withTests ? (int) s[1] : 0, (int) s[2], c[3]));
        }
        return categories;
    }

    private static GradeReport report(
            String submission,
            GradeStatus status,
            String statusMessage,
            List<CategoryScore> categories,
            List<TestScore> tests,
            GradeReport.Compilation compilation,
            GradeReport.RunInfo run,
            List<String> warnings,
            List<Flag> flags,
            ChangeSummary changes) {
        double score = categories.stream().mapToDouble(CategoryScore::score).sum();
        double max = categories.stream().mapToDouble(CategoryScore::maxScore).sum();
        return new GradeReport(
                GradeReport.FORMAT,
                GradeReport.VERSION,
                "0.1.0",
                EXERCISE,
                submission,
                status,
                statusMessage,
                421337,
                score,
                max,
                Math.round(1000 * score / max) / 10.0,
                categories,
                tests,
                compilation,
                List.of(),
                run,
                warnings,
                flags,
                changes,
                new GradeReport.Environment("Eclipse Adoptium 17.0.15", "Linux amd64", null),
                new GradeReport.Timing(0.1, 0.9, 0.05, 0, 0.01, 62.3, 63.4),
                "2026-11-22T09:00:00Z",
                null);
    }
}
