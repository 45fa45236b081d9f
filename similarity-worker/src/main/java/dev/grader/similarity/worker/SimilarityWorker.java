package dev.grader.similarity.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.Match;
import de.jplag.Submission;
import de.jplag.Token;
import de.jplag.clustering.ClusteringOptions;
import de.jplag.exceptions.ExitException;
import de.jplag.java.Language;
import de.jplag.options.JPlagOptions;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The similarity worker: a program of its own, started by the grader in a separate JVM. It runs JPlag (in this
 * process) over the submissions and prints one JSON object on stdout: every pair at or above the threshold with its
 * matching regions (file and lines on both sides). Exit 0 with the JSON, 2 on bad arguments, 1 when JPlag fails (the
 * reason on stderr).
 *
 * <pre>
 * java -cp lib/similarity/* dev.grader.similarity.worker.SimilarityWorker --submissions DIR [--old DIR] [--base DIR]
 *     [--threshold PERCENT] [--min-tokens N]
 * </pre>
 *
 * Each folder inside {@code --submissions} is one submission; they are compared with each other and with each folder
 * inside {@code --old} (the reference solution, earlier cohorts), which are not compared with each other. Code that
 * matches {@code --base} (the starter) never counts.
 */
public final class SimilarityWorker {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SimilarityWorker() {}

    public static void main(String[] args) {
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // JPlag and javac print progress on System.out: keep stdout for our JSON alone.
        System.setOut(System.err);
        int code;
        try {
            Arguments a = Arguments.parse(args);
            out.println(MAPPER.writeValueAsString(run(a)));
            code = 0;
        } catch (IllegalArgumentException e) {
            System.err.println("similarity-worker: " + e.getMessage());
            code = 2;
        } catch (ExitException | java.io.IOException | RuntimeException e) {
            System.err.println("similarity-worker: JPlag failed: " + e);
            code = 1;
        }
        out.flush();
        System.exit(code);
    }

    /** The worker's arguments. */
    record Arguments(File submissions, File old, File base, double threshold, Integer minTokens) {
        static Arguments parse(String[] args) {
            File submissions = null;
            File old = null;
            File base = null;
            double threshold = 50;
            Integer minTokens = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--submissions" -> submissions = new File(value);
                    case "--old" -> old = new File(value);
                    case "--base" -> base = new File(value);
                    case "--threshold" -> threshold = Double.parseDouble(value);
                    case "--min-tokens" -> minTokens = Integer.valueOf(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
                i++;
            }
            if (submissions == null || !submissions.isDirectory()) {
                throw new IllegalArgumentException("--submissions DIR is required and must be a folder");
            }
            return new Arguments(submissions, old, base, threshold, minTokens);
        }
    }

    static ObjectNode run(Arguments a) throws ExitException {
        JPlagOptions options = new JPlagOptions(
                        new Language(), Set.of(a.submissions()), a.old() == null ? Set.of() : Set.of(a.old()))
                .withMinimumTokenMatch(a.minTokens())
                .withMaximumNumberOfComparisons(JPlagOptions.SHOW_ALL_COMPARISONS)
                .withClusteringOptions(new ClusteringOptions().withEnabled(false));
        if (a.base() != null) {
            options = options.withBaseCodeSubmissionDirectory(a.base());
        }
        long start = System.nanoTime();
        JPlagResult result = new JPlag(options).run();
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode subs = json.putArray("submissions");
        result.getSubmissions().getSubmissions().stream()
                .sorted(Comparator.comparing(Submission::getName))
                .forEach(s -> subs.addObject()
                        .put("name", s.getRoot().getName())
                        .put("tokens", s.getNumberOfTokens())
                        .put("new", s.isNew()));
        ArrayNode pairs = json.putArray("pairs");
        List<JPlagComparison> all = result.getAllComparisons().stream()
                .filter(c -> c.similarity() * 100 >= a.threshold())
                .sorted(Comparator.comparingDouble(JPlagComparison::similarity).reversed())
                .toList();
        for (JPlagComparison c : all) {
            ObjectNode pair = pairs.addObject();
            pair.put("first", c.firstSubmission().getRoot().getName());
            pair.put("second", c.secondSubmission().getRoot().getName());
            pair.put("similarity", c.similarity() * 100);
            pair.put("max_similarity", c.maximalSimilarity() * 100);
            pair.put("matched_tokens", c.getNumberOfMatchedTokens());
            ArrayNode regions = pair.putArray("regions");
            c.matches().stream()
                    .sorted(Comparator.comparingInt(Match::length).reversed())
                    .forEach(m -> region(regions.addObject(), c, m));
        }
        json.put("millis", (System.nanoTime() - start) / 1_000_000);
        return json;
    }

    private static void region(ObjectNode node, JPlagComparison c, Match m) {
        side(node, "first", c.firstSubmission(), m.startOfFirst(), m.length());
        side(node, "second", c.secondSubmission(), m.startOfSecond(), m.length());
        node.put("tokens", m.length());
    }

    /** File (relative to the submission's folder) and first/last line of {@code length} tokens from {@code start}. */
    private static void side(ObjectNode node, String prefix, Submission s, int start, int length) {
        List<Token> tokens = s.getTokenList();
        Token first = tokens.get(start);
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (int i = start; i < start + length && i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getFile().equals(first.getFile()) && t.getLine() > 0) {
                from = Math.min(from, t.getLine());
                to = Math.max(to, t.getLine());
            }
        }
        Path root = s.getRoot().toPath().toAbsolutePath().normalize();
        Path file = first.getFile().toPath().toAbsolutePath().normalize();
        node.put(
                prefix + "_file",
                (file.startsWith(root) ? root.relativize(file) : file.getFileName())
                        .toString()
                        .replace('\\', '/'));
        node.put(prefix + "_start", from == Integer.MAX_VALUE ? first.getLine() : from);
        node.put(prefix + "_end", Math.max(to, first.getLine()));
    }
}
