package dev.grader.cli;

import dev.grader.authoring.Scaffold;
import dev.grader.authoring.VariantCopy;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grader new}: a new exercise outside the grader's repository, ready for {@code grader validate}. */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a new exercise that passes `grader validate` as generated (AUTHORING.md goes on from there).",
            "It holds a manifest, a brief, a starter with a skeleton and one visible test, a hidden suite with one tagged "
                    + "test, a reference solution, one mutant and rules.yaml. With --from, a built-in exercise is copied "
                    + "instead, with its id, title, Java package and hidden class names changed."
        })
final class NewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "ID",
            description = "The new exercise's id: lower-case letters, digits, dashes.")
    String id;

    @Option(
            names = "--services",
            split = ",",
            paramLabel = "SERVICE",
            description = "postgres and/or wiremock: each adds a hidden test that uses the grader's helper for it.")
    List<String> services = new ArrayList<>();

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Folder of exercises to write <ID>/ into (default: the current folder).")
    Path dir;

    @Option(
            names = "--from",
            paramLabel = "EXERCISE",
            description = "Start from a copy of this built-in exercise (see `grader list`) instead of the scaffold.")
    String from;

    @Override
    public Integer call() {
        Path parent = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
        Path target = parent.resolve(id).normalize();
        PrintWriter out = spec.commandLine().getOut();
        if (from != null) {
            if (!services.isEmpty()) {
                throw new UsageException(
                        "--services cannot be used with --from: the copy keeps the services of '" + from + "'");
            }
            Exercise source = new ExerciseCatalog(GraderHome.builtInExercises()).get(from);
            VariantCopy.Renames renames = VariantCopy.write(source, id, target);
            out.println("Copied '" + from + "' to " + target + " as '" + id + "'");
            if (renames.fromPackage() != null) {
                out.println("  package " + renames.fromPackage() + " -> " + renames.toPackage());
            }
            renames.classes().forEach((k, v) -> out.println("  hidden class " + k + " -> " + v));
        } else {
            Scaffold.write(id, services, target);
            out.println("Wrote exercise '" + id + "' to " + target);
        }
        out.println();
        out.println("Next:");
        out.println("  grader validate " + id + " --exercises " + parent + "   # proves it as it stands");
        out.println("  then edit it; AUTHORING.md explains every file, and validate after each change.");
        out.flush();
        return ExitCodes.OK;
    }
}
