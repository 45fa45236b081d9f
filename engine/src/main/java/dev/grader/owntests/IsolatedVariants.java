package dev.grader.owntests;

import dev.grader.exercise.Mutant;
import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import dev.grader.run.RunOutcome;
import dev.grader.run.RunRequest;
import dev.grader.run.TestOutcome;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the candidate's own tests earn points ({@code scored_by: own_tests}), the reference solution must be
 * indistinguishable from a mutant to them except by its code: a test that tells the two apart by anything else (the
 * class loader's name, the folder the classes come from, files or state an earlier variant left, its place in the
 * order) would "catch" every mutant without testing anything. So each variant, the reference included, runs in a test
 * JVM of its own, its classes copied to the same place in a folder named only by its slot, in a class loader with the
 * same name, in an order shuffled from the grade's seed so the reference's place is unknown beforehand. The reference
 * runs twice, at two such places, and a test passes on it only when it passed both times: a test that passes on
 * whichever variant runs first, or leaves state for later runs to fail on, does not pass on the reference.
 */
final class IsolatedVariants {

    /** The one name every variant runs under in its test JVM. */
    static final String NAME = "variant";

    private IsolatedVariants() {}

    /** The reference solution (twice) and every mutant's name, in an order shuffled from {@code seed}. */
    static List<String> order(List<Mutant> mutants, long seed) {
        List<String> names = new ArrayList<>();
        names.add(VariantBuilds.SOLUTION);
        names.add(VariantBuilds.SOLUTION);
        mutants.forEach(m -> names.add(m.name()));
        Collections.shuffle(names, new Random(seed));
        return names;
    }

    /** The variant whose classes are {@code classes}, laid out in slot {@code slot} of {@code workDir} as every other. */
    static RunRequest.Variant laidOut(Path workDir, int slot, Path tests, Path visible, Path classes)
            throws IOException {
        Path code = Files.createDirectories(slotDir(workDir, slot).resolve("code"));
        FileTrees.copyOver(classes, code);
        return new RunRequest.Variant(NAME, List.of(tests, visible, code));
    }

    /**
     * The folder of slot {@code slot}: its copy of the classes and its test JVM's run folder. Short: the test JVM's
     * event socket lies below it, and a Unix socket's path has at most 107 bytes.
     */
    static Path slotDir(Path workDir, int slot) {
        return workDir.resolve("v" + slot);
    }

    /** {@code outcome} of a JVM that ran one variant under {@link #NAME}, its test ids given back the variant's name. */
    static RunOutcome named(RunOutcome outcome, String name) {
        String from = new RunRequest.Variant(NAME, List.of()).idPrefix();
        String to = new RunRequest.Variant(name, List.of()).idPrefix();
        return outcome.withTests(outcome.tests().stream()
                .map(t -> t.id().startsWith(from) ? t.withId(to + t.id().substring(from.length())) : t)
                .toList());
    }

    /** One test JVM's run of {@code variants}, its work in {@code runDir}. */
    interface JvmRun {
        RunOutcome run(List<RunRequest.Variant> variants, Path runDir) throws IOException;
    }

    /** Slot {@code index} of the order: which variant ({@code name}) runs there, and the tests compiled to run on it. */
    record Slot(int index, String name, Path tests, Path visible) {}

    /**
     * The candidate's tests run against {@code build} alone, laid out in {@code slot} as every other variant; one that
     * did not build is told to {@code verdicts}.
     */
    static RunOutcome runAlone(OwnTests.Request r, Slot slot, VariantBuilds.Build build, Verdicts verdicts, JvmRun jvm)
            throws IOException {
        if (build.classes() == null) {
            verdicts.unbuilt(slot.name(), build.problem());
            return nothing();
        }
        RunRequest.Variant variant = laidOut(r.workDir(), slot.index(), slot.tests(), slot.visible(), build.classes());
        Path runDir = Files.createDirectories(slotDir(r.workDir(), slot.index()).resolve("run"));
        return named(jvm.run(List.of(variant), runDir), slot.name());
    }

    /** {@code first} with each test that did not pass in {@code second} as it was there: passed only if both passed. */
    static RunOutcome bothPassed(RunOutcome first, List<TestOutcome> second) {
        Map<String, TestOutcome> notPassed = new LinkedHashMap<>();
        second.stream().filter(t -> t.status() != TestStatus.PASSED).forEach(t -> notPassed.put(t.id(), t));
        Set<String> ranAgain = second.stream().map(TestOutcome::id).collect(Collectors.toSet());
        List<TestOutcome> merged = new ArrayList<>();
        for (TestOutcome t : first.tests()) {
            if (t.status() == TestStatus.PASSED && !ranAgain.contains(t.id())) {
                merged.add(new TestOutcome(
                        t.id(),
                        t.className(),
                        t.method(),
                        t.displayName(),
                        t.tags(),
                        TestStatus.NOT_RUN,
                        "did not run in the reference's second run",
                        null,
                        null,
                        0,
                        null));
            } else {
                merged.add(t.status() == TestStatus.PASSED ? notPassed.getOrDefault(t.id(), t) : t);
            }
        }
        return first.withTests(merged);
    }

    /** The outcome of a variant that did not build: no tests, nothing wrong with the run. */
    static RunOutcome nothing() {
        return new RunOutcome(List.of(), RunEnding.COMPLETED, null, 0, null, null, 0);
    }
}
