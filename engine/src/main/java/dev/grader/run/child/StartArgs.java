package dev.grader.run.child;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the test JVM is started with, after its main class: encoded by the grader and decoded by the test JVM here,
 * as {@code --name=value} arguments (docs/run-protocol.md). The channel's token is not among them (command lines
 * can be read by other processes): see {@link ChildMain#TOKEN_ENV}.
 *
 * @param channel the event channel's address, {@code tcp:PORT} or {@code unix:PATH}
 * @param hiddenClasses the folder of compiled hidden suites, as the test JVM sees it
 * @param perTestMillis each test's time limit
 * @param outputCapPerTest bytes of a test's own output kept for the report
 * @param outputLimit bytes the code under test may print in the whole run
 * @param threadLimit live threads the JVM may have
 * @param selection a file of unique ids to run (a restart after a timeout), or null for every hidden test
 * @param coverage whether the JVM runs under the JaCoCo agent, which the runner asks to write its data before it halts
 * @param variants a file of variants to run the tests of {@code hiddenClasses} against, one after the other, each in a
 *     class loader of its own (see {@link VariantRuns}), or null: the tests run on the class path
 * @param parallel how many test classes run at once (1: one after another); see {@link ParallelRun}
 * @param isolated the test classes (simple or qualified names) that run alone, after the others, when {@code parallel}
 *     is above 1
 * @param tests a file of test names ({@code SimpleClassName.method}, one a line) to run, no other; or null for all
 */
public record StartArgs(
        String channel,
        String hiddenClasses,
        long perTestMillis,
        int outputCapPerTest,
        long outputLimit,
        int threadLimit,
        String selection,
        boolean coverage,
        String variants,
        int parallel,
        List<String> isolated,
        String tests) {

    private static final List<String> NAMES = List.of(
            "channel",
            "hidden-classes",
            "per-test-ms",
            "output-cap-per-test",
            "output-limit",
            "thread-limit",
            "selection",
            "coverage",
            "variants",
            "parallel",
            "isolated",
            "tests");
    /** The arguments that are always given (the others are optional). */
    private static final int REQUIRED = 6;

    /** Without coverage. */
    public StartArgs(
            String channel,
            String hiddenClasses,
            long perTestMillis,
            int outputCapPerTest,
            long outputLimit,
            int threadLimit,
            String selection) {
        this(channel, hiddenClasses, perTestMillis, outputCapPerTest, outputLimit, threadLimit, selection, false, null);
    }

    /** One test class after another. */
    public StartArgs(
            String channel,
            String hiddenClasses,
            long perTestMillis,
            int outputCapPerTest,
            long outputLimit,
            int threadLimit,
            String selection,
            boolean coverage,
            String variants) {
        this(
                channel,
                hiddenClasses,
                perTestMillis,
                outputCapPerTest,
                outputLimit,
                threadLimit,
                selection,
                coverage,
                variants,
                1,
                List.of(),
                null);
    }

    public StartArgs {
        requireNonNull(channel, "channel");
        requireNonNull(hiddenClasses, "hiddenClasses");
        if (!channel.startsWith("tcp:") && !channel.startsWith("unix:")) {
            throw new IllegalArgumentException("channel must be tcp:PORT or unix:PATH: " + channel);
        }
        isolated = isolated == null ? List.of() : List.copyOf(isolated);
        for (String name : isolated) {
            if (name.isEmpty() || name.contains(",")) {
                throw new IllegalArgumentException("an isolated class name is not empty and has no ',': " + name);
            }
        }
        if (perTestMillis <= 0 || outputCapPerTest < 0 || outputLimit <= 0 || threadLimit <= 0 || parallel < 1) {
            throw new IllegalArgumentException("limits must be positive: " + perTestMillis + " ms, " + outputCapPerTest
                    + "/" + outputLimit + " bytes, " + threadLimit + " threads, " + parallel + " classes at once");
        }
    }

    /**
     * The arguments, one {@code --name=value} each; the optional ones only when they say something ({@code selection}
     * when there is one, {@code coverage} when true, {@code parallel} above 1, {@code isolated} not empty, {@code tests}
     * when there is one).
     */
    public List<String> encode() {
        List<String> args = new ArrayList<>();
        List<Object> values = List.of(
                channel,
                hiddenClasses,
                perTestMillis,
                outputCapPerTest,
                outputLimit,
                threadLimit,
                selection == null ? "" : selection,
                coverage ? "true" : "",
                variants == null ? "" : variants,
                parallel == 1 ? "" : Integer.toString(parallel),
                String.join(",", isolated),
                tests == null ? "" : tests);
        for (int i = 0; i < NAMES.size(); i++) {
            if (!(values.get(i) instanceof String s && s.isEmpty())) {
                args.add("--" + NAMES.get(i) + "=" + values.get(i));
            }
        }
        return args;
    }

    /** Reads what {@link #encode} wrote; throws {@link IllegalArgumentException} on anything else. */
    public static StartArgs decode(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !NAMES.contains(name) || given.put(name, arg.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(
                        "unexpected argument " + arg + "; expected --NAME=VALUE with NAME in " + NAMES);
            }
        }
        for (String name : NAMES.subList(0, REQUIRED)) {
            if (!given.containsKey(name)) {
                throw new IllegalArgumentException("missing argument --" + name);
            }
        }
        try {
            return new StartArgs(
                    given.get("channel"),
                    given.get("hidden-classes"),
                    Long.parseLong(given.get("per-test-ms")),
                    Integer.parseInt(given.get("output-cap-per-test")),
                    Long.parseLong(given.get("output-limit")),
                    Integer.parseInt(given.get("thread-limit")),
                    given.get("selection"),
                    "true".equals(given.get("coverage")),
                    given.get("variants"),
                    given.containsKey("parallel") ? Integer.parseInt(given.get("parallel")) : 1,
                    given.containsKey("isolated")
                            ? List.of(given.get("isolated").split(","))
                            : List.of(),
                    given.get("tests"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
        }
    }
}
