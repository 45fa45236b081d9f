package dev.grader.cli;

import dev.grader.exercise.ExerciseException;
import dev.grader.model.InfrastructureException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code grader} command. Only {@link #main} exits; everything else goes through {@link #run}. */
@Command(
        name = "grader",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Grades hands-on back-end exercises: compiles a submission and runs hidden JUnit suites against it.")
public final class Main implements Runnable {

    /**
     * The subcommands, in the order help lists them. Picocli reads a command's options by reflection when it is
     * added, about 20 ms each; a command line that names one gets only that one (see {@link #commandLine}).
     */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = subcommands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> subcommands() {
        java.util.Map<String, java.util.function.Supplier<Object>> all = new java.util.LinkedHashMap<>();
        all.put("list", ListCommand::new);
        all.put("init", InitCommand::new);
        all.put("grade", GradeCommand::new);
        all.put("grade-all", GradeAllCommand::new);
        all.put("merge", MergeCommand::new);
        all.put("validate", ValidateCommand::new);
        all.put("new", NewCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        return java.util.Collections.unmodifiableMap(all);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The commands that start test JVMs. */
    private static final java.util.Set<String> GRADING = java.util.Set.of("grade", "grade-all", "validate");

    public static void main(String[] args) {
        if (args.length > 0 && GRADING.contains(args[0])) {
            dev.grader.run.Sandbox.prepareLocal(
                    GraderHome.settings()); // while the command line and the exercise are read
        }
        PrintWriter out = new PrintWriter(
                new java.io.OutputStreamWriter(new QuietOnExit(System.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(
                new java.io.OutputStreamWriter(new QuietOnExit(System.err), StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI and returns the exit code; tests call this without a process. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(Main::exitCode);
        addExitCodes(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("error: ") + message(e));
            commandLine.getErr().flush();
            return exitCode(e);
        });
        return cli.execute(args);
    }

    /**
     * The command line for {@code args}: with only the subcommand that {@code args} starts with, or with every
     * subcommand (for help, for the top-level options, and for a name that is none of them, so that picocli's error
     * message lists them).
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        java.util.function.Supplier<Object> only =
                args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        if (only != null) {
            cli.addSubcommand(args[0], only.get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        return cli;
    }

    private static void addExitCodes(CommandLine cli) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String line : ExitCodes.LIST) {
            int colon = line.indexOf(':');
            codes.put("  " + line.substring(0, colon), line.substring(colon + 1));
        }
        cli.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(codes);
        cli.getSubcommands().values().forEach(Main::addExitCodes);
    }

    static int exitCode(Throwable e) {
        if (e instanceof ExerciseException
                || e instanceof UsageException
                || e instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INFRASTRUCTURE;
    }

    private static String message(Throwable e) {
        if (e instanceof ExerciseException || e instanceof InfrastructureException || e instanceof UsageException) {
            return e.getMessage();
        }
        return "internal error: " + e + (e.getCause() != null ? " (caused by " + e.getCause() + ")" : "");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
