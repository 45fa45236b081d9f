package dev.grader.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.grader.exercise.Exercise;
import dev.grader.model.GradeStatus;
import dev.grader.model.RunEnding;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Patches;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One case of the hostile corpus ({@code corpus/hostile/<name>/}): its {@code expect.yaml}, and how to lay it
 * out as a submission (the base, the patches applied to it, the files laid over it, and what the test makes
 * itself: generated files and symbolic links).
 */
record HostileCase(
        String name,
        Path dir,
        String exercise,
        String base,
        String what,
        GradeStatus status,
        RunEnding ending,
        double maxPercent,
        List<String> phrases,
        List<String> notPassed,
        List<String> passed,
        String leftoverMarker,
        boolean outsideWrites,
        List<Generated> generate,
        List<String> links,
        List<String> policyAllow,
        boolean solutionClassesInResources) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A file the test writes into the submission. */
    record Generated(String path, long bytes) {}

    static HostileCase load(Path dir) {
        JsonNode n;
        try {
            n = YAML.readTree(dir.resolve("expect.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve("expect.yaml") + ": " + e.getMessage(), e);
        }
        List<Generated> generated = new ArrayList<>();
        n.path("generate")
                .forEach(g -> generated.add(
                        new Generated(g.path("path").asText(), g.path("bytes").asLong())));
        return new HostileCase(
                dir.getFileName().toString(),
                dir,
                required(n, "exercise", dir),
                required(n, "base", dir),
                required(n, "what", dir),
                GradeStatus.valueOf(required(n, "status", dir).toUpperCase(Locale.ROOT)),
                n.hasNonNull("ending") ? RunEnding.of(n.get("ending").asText()) : null,
                n.path("max_percent").asDouble(100),
                strings(n.path("phrases")),
                strings(n.path("not_passed")),
                strings(n.path("passed")),
                n.hasNonNull("leftover_marker") ? n.get("leftover_marker").asText() : null,
                n.path("outside_writes").asBoolean(false),
                generated,
                strings(n.path("links")),
                strings(n.path("policy_allow")),
                n.path("solution_classes_in_resources").asBoolean(false));
    }

    private static String required(JsonNode n, String field, Path dir) {
        if (!n.hasNonNull(field)) {
            throw new IllegalStateException(dir.resolve("expect.yaml") + ": " + field + " is missing");
        }
        return n.get(field).asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** Lays the case out as a submission in {@code project}; files moved out of it go to {@code outside}. */
    Path materialise(Exercise ex, Path project, Path outside) throws IOException {
        switch (base) {
            case "solution" -> Variants.solution(ex, project);
            case "starter" -> FileTrees.copyOver(ex.starter(), project);
            case "empty" -> Files.createDirectories(project);
            default -> throw new IllegalStateException(dir + ": unknown base " + base);
        }
        try (var patches = Files.list(dir)) {
            for (Path patch : patches.filter(p -> p.getFileName().toString().endsWith(".patch"))
                    .sorted()
                    .toList()) {
                Patches.apply(patch, project);
            }
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = dir.relativize(file);
                String fileName = file.getFileName().toString();
                boolean caseFile = rel.getNameCount() == 1
                        && (fileName.equals("expect.yaml") || fileName.endsWith(".patch") || fileName.endsWith(".md"));
                if (!caseFile) {
                    Path out = project.resolve(rel.toString());
                    Files.createDirectories(out.getParent());
                    Files.copy(file, out, StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Generated g : generate) {
            Path out = project.resolve(g.path());
            Files.createDirectories(out.getParent());
            String cls = out.getFileName().toString().replace(".java", "");
            StringBuilder b = new StringBuilder(
                            "package com.acme.ratelimit;\n\n/** Made by the hostile corpus test. */\nfinal class ")
                    .append(cls)
                    .append(" {\n");
            String filler = "  // " + "filler ".repeat(12) + "\n";
            while (b.length() + filler.length() + 2 <= g.bytes()) {
                b.append(filler);
            }
            b.append("}\n");
            while (b.length() < g.bytes()) {
                b.append('\n');
            }
            Files.writeString(out, b, StandardCharsets.UTF_8);
        }
        if (solutionClassesInResources) {
            compileSolutionInto(ex, project.resolve("src/main/resources"), project.resolveSibling("solution-sources"));
        }
        for (String link : links) {
            Path inside = project.resolve(link);
            Path target = outside.resolve(inside.getFileName().toString());
            Files.createDirectories(outside);
            Files.move(inside, target);
            Files.createSymbolicLink(inside, target.toAbsolutePath());
        }
        return project;
    }

    /** The exercise's solution (laid over its starter), compiled into {@code classes}: class files with no sources. */
    private static void compileSolutionInto(Exercise ex, Path classes, Path scratch) throws IOException {
        Path solution = Variants.solution(ex, scratch);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-nowarn"));
        FileTrees.files(solution.resolve("src/main/java"), ".java").forEach(f -> args.add(f.toString()));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, log, log, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("the solution of " + ex.manifest().id() + " does not compile: " + log);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
