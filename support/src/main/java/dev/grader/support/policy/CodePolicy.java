package dev.grader.support.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks compiled code against the code policy ({@link Rules}): every class file of the compiled main classes,
 * and every class file and jar in {@code src/main/resources} (which the policy refuses too, unless the exercise
 * allows them). Used by the grader after compiling a submission, and by the visible policy test of each starter.
 *
 * <p>{@code allowed} holds the APIs (as a finding names them, {@code java.lang.Thread.getAllStackTraces}) or
 * rule ids that the exercise allows.
 */
public final class CodePolicy {

    private final Set<String> allowed;
    private final Hierarchy hierarchy = new Hierarchy();

    private CodePolicy(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** What a check found, and how much it read. */
    public record Result(List<Finding> findings, int classFiles) {
        public Result {
            findings = List.copyOf(findings);
        }

        public boolean clean() {
            return findings.isEmpty();
        }
    }

    /**
     * Checks the class files under {@code classes} and what {@code resources} holds (either may be null or
     * missing).
     */
    public static Result check(Path classes, Path resources, Set<String> allowed) {
        return new CodePolicy(allowed).run(classes, resources);
    }

    /** Checks the class files under {@code classes} alone, allowing nothing. */
    public static Result check(Path classes) {
        return check(classes, null, Set.of());
    }

    private Result run(Path classes, Path resources) {
        List<ClassFile> units = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Path f : files(classes)) {
            if (f.getFileName().toString().endsWith(".class")) {
                units.add(new ClassFile(read(f), null));
            }
        }
        if (resources != null && Files.isDirectory(resources)) {
            ResourceScan scan = new ResourceScan(resources, "src/main/resources/");
            for (Path f : files(resources)) {
                scan.file(f, read(f));
            }
            units.addAll(scan.classFiles());
            findings.addAll(scan.findings());
        }
        List<ClassFile> readable = new ArrayList<>();
        for (ClassFile unit : units) {
            try {
                ClassScanner.declare(unit.bytes(), hierarchy);
                readable.add(unit);
            } catch (RuntimeException e) {
                findings.add(new Finding(
                        Rules.RESOURCE_CLASS_FILES.id(),
                        "unreadable class file",
                        unit.origin() == null ? "?" : unit.origin(),
                        0,
                        unit.origin()));
            }
        }
        for (ClassFile unit : readable) {
            for (Reference ref : ClassScanner.scan(unit.bytes(), hierarchy)) {
                for (Rule rule : Rules.CODE) {
                    String api = rule.match(ref, hierarchy);
                    if (api != null) {
                        findings.add(new Finding(rule.id(), api, ref.file(), ref.line(), unit.origin()));
                    }
                }
            }
        }
        List<Finding> kept = new ArrayList<>(new LinkedHashSet<>(findings.stream()
                .filter(f -> !allowed.contains(f.api()) && !allowed.contains(f.rule()))
                .toList()));
        kept.sort(Comparator.comparing(Finding::file)
                .thenComparingInt(Finding::line)
                .thenComparing(Finding::api)
                .thenComparing(Finding::rule));
        return new Result(kept, units.size());
    }

    /** A class file to check; {@code origin} says where it was found when not among the compiled classes. */
    record ClassFile(byte[] bytes, String origin) {}

    private static List<Path> files(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** The rule of {@code id}, among all rules (for reports that show a rule's summary). */
    public static Rule rule(String id) {
        return Stream.concat(Rules.CODE.stream(), Rules.RESOURCES.stream())
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + id));
    }
}
