package dev.grader.review;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.grader.exercise.Exercise;
import dev.grader.model.Flag;
import dev.grader.model.FlagKind;
import dev.grader.workspace.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the submission's main sources ({@code src/main/java}) with JavaParser and flags, with file and line,
 * the constructs a reviewer should look at: see {@link FlagKind} and docs/report-format.md. It judges the
 * source only, never runs it; a file that does not parse gets an info flag, never an exception. It is
 * built to stay quiet on honest code: names are resolved through the imports, hosts and paths
 * only when written as constants.
 */
public final class StaticReview {

    /** Flags beyond this many are summed up in one info flag. */
    static final int MAX_FLAGS = FlagKind.MAX_REVIEW_FLAGS;

    private StaticReview() {}

    /** Reviews the main sources of {@code submission} against what {@code exercise}'s hidden suites are called. */
    public static List<Flag> review(Exercise exercise, Path submission) {
        Set<String> hiddenTypes = new HashSet<>();
        Set<String> hiddenPackages = new HashSet<>();
        Path hidden = exercise.hidden();
        for (Path file : FileTrees.files(hidden, ".java")) {
            String name = file.getFileName().toString();
            hiddenTypes.add(name.substring(0, name.length() - ".java".length()));
            Path parent = hidden.relativize(file).getParent();
            if (parent != null) {
                hiddenPackages.add(parent.toString().replace('\\', '/').replace('/', '.'));
            }
        }
        return review(submission, hiddenTypes, hiddenPackages);
    }

    /** Reviews with the hidden suites' simple class names and packages given. */
    static List<Flag> review(Path submission, Set<String> hiddenTypes, Set<String> hiddenPackages) {
        List<Flag> flags = new ArrayList<>();
        Path javaRoot = submission.resolve("src/main/java");
        List<Path> sources;
        try {
            sources = FileTrees.files(javaRoot, ".java");
        } catch (UncheckedIOException e) {
            flags.add(FlagKind.UNREADABLE_FILE.flag(
                    "src/main/java",
                    null,
                    "could not be listed (" + e.getCause().getMessage() + "); the sources were not reviewed"));
            return flags;
        }
        // RAW: the grammar accepts every Java version and no validator runs (javac judges the language level);
        // about twice as fast as a validated parse.
        // Unicode escapes translated first, as javac does: a comment holding an escaped line break ends there.
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(LanguageLevel.RAW)
                .setAttributeComments(false)
                .setPreprocessUnicodeEscapes(true));
        Map<String, CompilationUnit> units = new LinkedHashMap<>();
        Set<String> ownTypes = new HashSet<>();
        Set<String> ownPackages = new HashSet<>();
        for (Path source : sources) {
            String rel = relative(submission, source);
            String code;
            try {
                code = new String(Files.readAllBytes(source), StandardCharsets.UTF_8);
            } catch (IOException e) {
                flags.add(FlagKind.UNREADABLE_FILE.flag(
                        rel, null, "could not be read (" + e.getMessage() + "); not reviewed"));
                continue;
            }
            for (int line : EscapedLineBreaks.lines(code)) {
                flags.add(FlagKind.ESCAPED_LINE_BREAK.flag(
                        rel,
                        line,
                        "holds a Unicode escape of a line break; javac reads"
                                + " what follows it as code, though an editor shows it inside a comment or string"));
            }
            ParseResult<CompilationUnit> result;
            try {
                result = parser.parse(code);
            } catch (RuntimeException e) {
                flags.add(FlagKind.PARSE_ERROR.flag(rel, null, "could not be parsed (" + e + "); not reviewed"));
                continue;
            }
            if (!result.getProblems().isEmpty()) {
                Problem p = result.getProblems().get(0);
                Integer line = p.getLocation()
                        .flatMap(l -> l.toRange())
                        .map(r -> r.begin.line)
                        .orElse(null);
                flags.add(FlagKind.PARSE_ERROR.flag(
                        rel, line, "does not parse (" + brief(p.getMessage()) + "); not reviewed"));
                continue; // a recovered partial tree misses whole members: judging it would mislead
            }
            result.getResult().ifPresent(cu -> {
                units.put(rel, cu);
                cu.findAll(TypeDeclaration.class).forEach(t -> ownTypes.add(t.getNameAsString()));
                cu.getPackageDeclaration().ifPresent(p -> ownPackages.add(p.getNameAsString()));
            });
        }
        Set<String> packages = new HashSet<>(hiddenPackages);
        packages.removeAll(ownPackages); // hidden suites in the code's own package: that package is no signal
        ReviewScope scope = new ReviewScope(ownTypes, hiddenTypes, packages, resources(submission));
        List<Check> checks =
                List.of(new JvmControlCheck(), new ReflectionCheck(), new IoCheck(), new TestReferenceCheck(scope));
        for (Map.Entry<String, CompilationUnit> unit : units.entrySet()) {
            Findings findings = new Findings(unit.getKey());
            try {
                SourceContext src = new SourceContext(unit.getKey(), unit.getValue(), scope);
                for (Check check : checks) {
                    check.check(src, findings);
                }
            } catch (RuntimeException e) {
                flags.add(
                        FlagKind.PARSE_ERROR.flag(unit.getKey(), null, "could not be reviewed completely (" + e + ")"));
            }
            flags.addAll(findings.flags());
        }
        flags.sort(Comparator.comparing((Flag f) -> f.file() == null ? "" : f.file())
                .thenComparing(f -> f.line() == null ? 0 : f.line())
                .thenComparing(Flag::kind));
        if (flags.size() > MAX_FLAGS) {
            int more = flags.size() - MAX_FLAGS;
            flags = new ArrayList<>(flags.subList(0, MAX_FLAGS));
            flags.add(FlagKind.MORE_FLAGS.flag(null, null, more + " more flags of the static review are not listed"));
        }
        return flags;
    }

    private static Set<String> resources(Path submission) {
        Path root = submission.resolve("src/main/resources");
        Set<String> out = new HashSet<>();
        try {
            for (Path file : FileTrees.files(root, "")) {
                out.add(relative(root, file));
            }
        } catch (UncheckedIOException e) {
            // no resources known: every resource read is flagged
        }
        return out;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** The parser's message without its list of expected tokens, which can run to hundreds of characters. */
    static String brief(String message) {
        String s = firstLine(message);
        int expected = s.indexOf(", expected");
        return expected < 0 ? s : s.substring(0, expected);
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
    }
}
