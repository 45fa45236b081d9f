package dev.grader.owntests;

import dev.grader.exercise.Manifest;
import dev.grader.exercise.Service;
import dev.grader.run.ForkedTestRunner;
import dev.grader.run.RunOutcome;
import dev.grader.run.RunRequest;
import dev.grader.services.ServiceBroker;
import dev.grader.services.ServiceLease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The test JVMs of one evaluation: the hidden suites' runner, limits and seed, and the exercise's services. */
final class TestJvms {

    private final ForkedTestRunner runner;
    private final ServiceBroker services;

    TestJvms(ForkedTestRunner runner, ServiceBroker services) {
        this.runner = runner;
        this.services = services;
    }

    /**
     * One test JVM, with a fresh database of its own (dropped after the run) when the exercise uses PostgreSQL: the
     * candidate's tests find it as the hidden suites do ({@code TestDatabase}).
     */
    RunOutcome run(
            OwnTests.Request r,
            List<Path> classpath,
            Path tests,
            Path runDir,
            long deadline,
            RunRequest.Coverage coverage,
            List<RunRequest.Variant> variants) {
        Manifest m = r.exercise().manifest();
        Duration whole = timeLeft(deadline, m);
        try (ServiceLease lease = services.lease(r.exercise(), "owntests");
                ForkedTestRunner.Prepared jvm = runner.prepare(new RunRequest(
                        classpath,
                        tests,
                        runDir,
                        m.limits().perTest(),
                        whole,
                        m.limits().memoryOption(),
                        Map.of("grader.seed", Long.toString(r.seed())),
                        m.needs(Service.POSTGRES),
                        coverage,
                        variants))) {
            // Given once the JVM runs, as the hidden suites' database is: under --sandbox docker its container's
            // network exists only then.
            return jvm.run(lease.systemProperties());
        }
    }

    /** The whole-run limit of a JVM starting now: the exercise's, or what is left until {@code deadline}. */
    static Duration timeLeft(long deadline, Manifest m) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
            throw new Waiting.OutOfTime();
        }
        return left.compareTo(m.limits().wholeRun()) < 0 ? left : m.limits().wholeRun();
    }
}
