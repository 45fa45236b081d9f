package dev.grader.engine;

import dev.grader.model.Evidence;
import dev.grader.model.GradeReport;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.owntests.OwnTests;
import dev.grader.score.OwnTestsScore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The grade's evaluation of the candidate's own tests ({@link OwnTests}), on a thread of its own. Where the cores
 * allow ({@value #CORES_BESIDE} or more) it starts beside the hidden suites' run; on fewer it starts after it, so that
 * its test JVMs never slow the hidden suites' timed tests down (the score must not depend on it).
 */
final class OwnTestsStage {

    /** Cores from which the own tests run beside the hidden suites. */
    static final int CORES_BESIDE = 4;

    private final OwnTests ownTests;
    private final OwnTests.Request request;
    private final Executor executor;
    private CompletableFuture<OwnTestsEvidence> running;

    private OwnTestsStage(OwnTests ownTests, OwnTests.Request request, Executor executor) {
        this.ownTests = ownTests;
        this.request = request;
        this.executor = executor;
    }

    /** The stage for {@code request}, already started when the cores allow it beside the hidden suites. */
    static OwnTestsStage start(OwnTests ownTests, OwnTests.Request request, Executor executor) {
        OwnTestsStage stage = new OwnTestsStage(ownTests, request, executor);
        if (Runtime.getRuntime().availableProcessors() >= CORES_BESIDE) {
            stage.begin();
        }
        return stage;
    }

    private void begin() {
        if (running == null) {
            running = CompletableFuture.supplyAsync(() -> ownTests.evaluate(request), executor);
        }
    }

    /**
     * {@code report} (the hidden suites have run) with the own tests' evidence, started now if it was not yet, and the
     * rubric category they earn when the exercise scores them ({@link OwnTestsScore}).
     */
    GradeReport addTo(GradeReport report) {
        begin();
        OwnTestsEvidence evidence;
        try {
            evidence = running.join();
        } catch (RuntimeException e) {
            evidence = OwnTestsEvidence.notEvaluated(List.of(), "the grader failed: " + e.getMessage(), 0);
        }
        Evidence current = report.evidence() == null ? Evidence.none() : report.evidence();
        return OwnTestsScore.apply(
                report.withEvidence(current.withOwnTests(evidence)),
                evidence,
                request.exercise().mutants().size());
    }
}
