package dev.grader.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.TestTiers;
import dev.grader.model.SimilarityEvidence;
import dev.grader.model.SimilarityEvidence.OtherKind;
import dev.grader.model.SimilarityEvidence.Region;
import dev.grader.model.SimilarityEvidence.SimilarPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JPlag in the worker's JVM over a small rate-limiter batch: the right pairs flagged, no other. */
@TestTiers.Grades
class SimilarityCheckTest {

    @TempDir
    static Path dir;

    static Map<String, SimilarityEvidence> found;

    @BeforeAll
    static void compare() throws Exception {
        Path batch = SimilarityFixtures.batch(dir.resolve("batch"));
        List<Candidate> candidates = new ArrayList<>();
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            candidates.add(new Candidate(name, Candidate.mainSources(batch.resolve(name)), OtherKind.SUBMISSION));
        }
        candidates.add(new Candidate(
                "reference",
                Candidate.mainSources(SimilarityFixtures.EXERCISE.resolve("solution")),
                OtherKind.REFERENCE));
        SimilarityCheck check = new SimilarityCheck(SimilarityFixtures.workerClasspath(), Duration.ofMinutes(2));
        found = check.compare(
                        Candidate.mainSources(SimilarityFixtures.EXERCISE.resolve("starter")),
                        candidates,
                        SimilarityCheck.DEFAULT_THRESHOLD)
                .bySubmission();
    }

    @Test
    void flagsTheRenamedAndReorderedPairAndNoOther() {
        SimilarPair ab = only(found.get("alice"));
        assertEquals("bob", ab.other());
        assertEquals(OtherKind.SUBMISSION, ab.otherKind());
        assertTrue(ab.percent() >= 80, "alice ~ bob: " + ab.percent());
        SimilarPair ba = only(found.get("bob"));
        assertEquals("alice", ba.other());
        assertEquals(ab.percent(), ba.percent());
        assertTrue(found.get("carol").pairs().isEmpty(), "the starter alone matches nothing: " + found.get("carol"));
    }

    @Test
    void flagsTheReferenceSolutionReformattedAgainstTheReference() {
        SimilarPair p = only(found.get("dave"));
        assertEquals("reference", p.other());
        assertEquals(OtherKind.REFERENCE, p.otherKind());
        assertTrue(p.percent() >= 95, "dave ~ reference: " + p.percent());
    }

    @Test
    void regionsNameFilesAndLinesOnBothSidesWithTheirCode() {
        SimilarPair p = only(found.get("alice"));
        assertFalse(p.regions().isEmpty());
        Region r = p.regions().get(0);
        assertTrue(r.file().startsWith("com/acme/ratelimit/") && r.file().endsWith(".java"), r.file());
        assertTrue(r.otherFile().startsWith("com/acme/ratelimit/"), r.otherFile());
        assertTrue(r.startLine() >= 1 && r.endLine() >= r.startLine(), r.toString());
        assertTrue(r.otherStartLine() >= 1 && r.otherEndLine() >= r.otherStartLine(), r.toString());
        assertEquals(
                Math.min(r.endLine() - r.startLine() + 1, SimilarityCheck.MAX_LINES),
                r.lines().size());
        assertEquals(
                Math.min(r.otherEndLine() - r.otherStartLine() + 1, SimilarityCheck.MAX_LINES),
                r.otherLines().size());
    }

    @Test
    void eachSubmissionCountsTheOthersItWasComparedWith() {
        found.values().forEach(e -> assertEquals(4, e.compared(), e.toString()));
        found.values().forEach(e -> assertEquals(SimilarityCheck.DEFAULT_THRESHOLD, e.threshold()));
    }

    @Test
    void aSubmissionJPlagCannotParseIsComparedWithNothingAndTheOthersGoOn() throws Exception {
        Path broken = dir.resolve("broken/src/main/java/com/acme");
        java.nio.file.Files.createDirectories(broken);
        java.nio.file.Files.writeString(broken.resolve("Broken.java"), "package com.acme;\nclass Broken {\n");
        List<Candidate> candidates = List.of(
                new Candidate("broken", Candidate.mainSources(dir.resolve("broken")), OtherKind.SUBMISSION),
                new Candidate(
                        "alice",
                        Candidate.mainSources(SimilarityFixtures.FIXTURES.resolve("alice")),
                        OtherKind.SUBMISSION),
                new Candidate(
                        "bob",
                        Candidate.mainSources(SimilarityFixtures.FIXTURES.resolve("bob")),
                        OtherKind.SUBMISSION));
        Map<String, SimilarityEvidence> r = new SimilarityCheck(
                        SimilarityFixtures.workerClasspath(), Duration.ofMinutes(2))
                .compare(null, candidates, SimilarityCheck.DEFAULT_THRESHOLD)
                .bySubmission();
        assertEquals(0, r.get("broken").compared());
        assertTrue(r.get("broken").pairs().isEmpty());
        assertEquals(1, r.get("alice").compared());
        assertEquals("bob", only(r.get("alice")).other());
    }

    @Test
    void refusesAThresholdOutsideZeroToHundred() {
        SimilarityCheck check = new SimilarityCheck(SimilarityFixtures.workerClasspath(), Duration.ofMinutes(1));
        assertThrows(IllegalArgumentException.class, () -> check.compare(dir, List.of(), 101));
    }

    private static SimilarPair only(SimilarityEvidence e) {
        assertEquals(1, e.pairs().size(), "pairs: " + e.pairs());
        return e.pairs().get(0);
    }
}
