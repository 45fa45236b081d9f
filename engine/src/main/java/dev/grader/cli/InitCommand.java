package dev.grader.cli;

import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseException;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.SupportSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grader init}: a standalone starter for a candidate. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a standalone starter project for a candidate.",
            "It holds the brief, the starter code, the visible tests and the test-support helpers they use.",
            "Hidden suites, the solution and the mutants are never copied. The result is ready for `git init` and `mvn test`."
        })
final class InitCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "Exercise id (see `grader list`).")
    String exerciseId;

    @Parameters(index = "1", paramLabel = "DIR", description = "Folder to create; must not exist or be empty.")
    Path target;

    @Override
    public Integer call() throws IOException {
        Exercise exercise = common.catalog().get(exerciseId);
        Path dir = target.toAbsolutePath().normalize();
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new ExerciseException(dir + ": already exists and is not empty; choose a new folder");
                }
            }
        }
        Files.createDirectories(dir);
        FileTrees.copyOver(exercise.starter(), dir);
        Files.copy(exercise.brief(), dir.resolve("README.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (!exercise.manifest().support().isEmpty()) {
            SupportSources.copy(exercise.manifest().support(), dir.resolve("src/test/java"));
        }
        if (!Files.exists(dir.resolve(".gitignore"))) {
            Files.writeString(dir.resolve(".gitignore"), "target/\n");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote the '" + exercise.id() + "' starter to " + dir);
        out.println();
        out.println("Next:");
        out.println("  cd " + dir);
        out.println("  git init && git add -A && git commit -m 'Starter'   # optional");
        out.println("  mvn test        # the visible tests fail until the work is done");
        out.println();
        out.println("Read README.md for the brief. Time budget: "
                + dev.grader.exercise.Durations.format(exercise.manifest().timeBudget()) + ".");
        out.flush();
        return ExitCodes.OK;
    }
}
