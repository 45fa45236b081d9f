package dev.grader.cli;

import dev.grader.exercise.Durations;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.Manifest;
import dev.grader.exercise.Service;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code grader list}: the exercises there are. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the exercises with their title, time budget and the services they need.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Exercise> exercises = common.catalog().all();
        int idWidth = Math.max(
                2, exercises.stream().mapToInt(e -> e.id().length()).max().orElse(2));
        int titleWidth = Math.max(
                5,
                exercises.stream()
                        .mapToInt(e -> e.manifest().title().length())
                        .max()
                        .orElse(5));
        String row = "%-" + idWidth + "s  %-" + titleWidth + "s  %-7s  %s%n";
        out.printf(row, "ID", "TITLE", "BUDGET", "SERVICES");
        for (Exercise e : exercises) {
            Manifest m = e.manifest();
            out.printf(
                    row,
                    m.id(),
                    m.title(),
                    Durations.format(m.timeBudget()),
                    m.services().isEmpty()
                            ? "-"
                            : String.join(
                                    ", ", m.services().stream().map(Service::id).toList()));
        }
        if (exercises.isEmpty()) {
            out.println("(no exercises in " + common.catalog().roots() + ")");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
