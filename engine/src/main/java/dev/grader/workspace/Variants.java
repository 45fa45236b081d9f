package dev.grader.workspace;

import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.exercise.Mutant;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Lays out the reference solution and the mutants as complete projects in a folder. */
public final class Variants {

    private Variants() {}

    /** The starter with the solution laid over it, in {@code target}. */
    public static Path solution(Exercise exercise, Path target) throws IOException {
        Files.createDirectories(target);
        FileTrees.copyOver(exercise.starter(), target);
        FileTrees.copyOver(exercise.solution(), target);
        return target;
    }

    /** The solution with the mutant's patches applied and its files laid over it, in {@code target}. */
    public static Path mutant(Exercise exercise, Mutant mutant, Path target) throws IOException {
        solution(exercise, target);
        for (Path patch : FileTrees.files(mutant.dir(), ".patch")) {
            try {
                Patches.apply(patch, target);
            } catch (IOException e) {
                throw new ExerciseException(
                        "mutant '" + mutant.name() + "' of " + exercise.id() + ": " + e.getMessage(), e);
            }
        }
        Path root = mutant.dir();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = root.relativize(file);
                String name = file.getFileName().toString();
                if (rel.getNameCount() > 1
                        || !(name.equals("mutant.yaml") || name.endsWith(".patch") || name.endsWith(".md"))) {
                    Path out = target.resolve(rel.toString());
                    Files.createDirectories(out.getParent());
                    Files.copy(file, out, StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }
}
