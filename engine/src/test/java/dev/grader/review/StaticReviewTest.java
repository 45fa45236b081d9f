package dev.grader.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.exercise.Exercise;
import dev.grader.exercise.ExerciseCatalog;
import dev.grader.model.Flag;
import dev.grader.model.FlagKind;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static review on fixture trees under fixtures/review: each flagged line of a fixture names the kinds it
 * must get in a trailing {@code // flag: kind, kind} comment, and no other line may get a flag.
 */
class StaticReviewTest {

    private static final Set<String> HIDDEN_TYPES = Set.of("BasicsTest", "OverflowTest", "Harness", "Limits");
    private static final Set<String> HIDDEN_PACKAGES = Set.of("com.acme.adder.hidden");
    private static final Pattern EXPECTED = Pattern.compile("//\\s*flag:\\s*([a-z-]+(?:\\s*,\\s*[a-z-]+)*)");

    private static Path tree(String name) {
        return Fixtures.root().resolve("review").resolve(name);
    }

    private static List<Flag> review(Path root) {
        return StaticReview.review(root, HIDDEN_TYPES, HIDDEN_PACKAGES);
    }

    /** {@code file:line kind} for every "flag:" comment of the tree's sources. */
    private static Set<String> expected(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Path file : FileTrees.files(root.resolve("src/main/java"), ".java")) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = EXPECTED.matcher(lines.get(i));
                if (m.find()) {
                    for (String kind : m.group(1).split("\\s*,\\s*")) {
                        out.add(root.relativize(file).toString().replace('\\', '/') + ":" + (i + 1) + " " + kind);
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> found(List<Flag> flags) {
        return flags.stream().map(f -> f.location() + " " + f.kind()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void flagsExactlyTheMarkedLinesWithTheirKinds() throws IOException {
        Path root = tree("flagged");
        List<Flag> flags = review(root);
        assertEquals(
                expected(root),
                found(flags),
                () -> flags.stream().map(Flag::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void everyStaticKindIsHitByTheFixtures() throws IOException {
        Set<String> kinds = expected(tree("flagged")).stream()
                .map(s -> s.substring(s.indexOf(' ') + 1))
                .collect(Collectors.toSet());
        EnumSet<FlagKind> staticKinds = EnumSet.range(FlagKind.SYSTEM_EXIT, FlagKind.TEST_REFERENCE);
        for (FlagKind kind : staticKinds) {
            assertTrue(kinds.contains(kind.id()), "no fixture line expects " + kind.id());
        }
    }

    @Test
    void flagsCarrySeverityAndAMessageThatSaysWhat() {
        List<Flag> flags = review(tree("flagged"));
        Flag exit = flags.stream()
                .filter(f -> f.kind().equals("system-exit") && f.file().endsWith("/JvmControl.java"))
                .findFirst()
                .orElseThrow();
        assertEquals(Flag.ALERT, exit.severity());
        assertEquals("src/main/java/com/acme/bad/JvmControl.java", exit.file());
        assertEquals(14, exit.line());
        assertTrue(exit.message().contains("System.exit"), exit.message());
        Flag host = flags.stream()
                .filter(f -> f.kind().equals("network-access") && f.line() == 18)
                .findFirst()
                .orElseThrow();
        assertTrue(host.message().contains("\"evil.example.org\""), "constants are resolved: " + host.message());
    }

    @Test
    void honestLookAlikesAreNotFlagged() {
        List<Flag> flags = review(tree("clean"));
        assertEquals(List.of(), flags);
    }

    @Test
    void aFileThatDoesNotParseGetsAnInfoFlagNotAnException() {
        List<Flag> flags = review(tree("broken"));
        Flag parse = flags.stream()
                .filter(f -> f.kind().equals("parse-error"))
                .findFirst()
                .orElseThrow();
        assertEquals(Flag.INFO, parse.severity());
        assertEquals("src/main/java/com/acme/broken/Broken.java", parse.file());
        assertEquals(8, parse.line(), parse.message());
        assertEquals("does not parse (Parse error. Found \"{\"); not reviewed", parse.message());
        assertEquals(1, flags.size(), flags.toString());
    }

    @Test
    void aMissingSourceFolderOrAnUnreadableFileIsNoException(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), review(dir.resolve("nothing-here")));
        Path java = Files.createDirectories(dir.resolve("src/main/java/x"));
        Files.write(java.resolve("Binary.java"), new byte[] {0, (byte) 0xff, 0x13, 0x37});
        List<Flag> flags = review(dir);
        assertTrue(flags.stream().allMatch(f -> f.severity().equals(Flag.INFO)), flags.toString());
    }

    @Test
    void theExercisesSolutionsAndStartersRaiseNoWarningOrAlert(@TempDir Path dir) throws IOException {
        ExerciseCatalog catalog = new ExerciseCatalog(Fixtures.repository().resolve("exercises"));
        List<String> ids = catalog.all().stream().map(Exercise::id).toList();
        assertTrue(ids.size() >= 5, "the five built-in exercises at least: " + ids);
        List<String> noisy = new ArrayList<>();
        for (Exercise exercise : catalog.all()) {
            Path solution = Variants.solution(exercise, dir.resolve(exercise.id()));
            long t0 = System.nanoTime();
            Review review = Review.of(exercise, solution, null);
            long micros = (System.nanoTime() - t0) / 1000;
            System.out.printf(
                    "review of %s's solution: %d ms, %d flags%n",
                    exercise.id(), micros / 1000, review.flags().size());
            for (Flag f : review.flags()) {
                if (!f.severity().equals(Flag.INFO)) {
                    noisy.add(exercise.id() + " solution: " + f);
                }
            }
            for (Flag f : Review.of(exercise, exercise.starter(), null).flags()) {
                noisy.add(exercise.id() + " starter: " + f);
            }
        }
        assertEquals(List.of(), noisy);
    }

    @Test
    void everyKindIsDocumentedInTheReportFormat() throws IOException {
        String doc = Files.readString(Fixtures.repository().resolve("docs/report-format.md"));
        List<String> missing = Arrays.stream(FlagKind.values())
                .map(FlagKind::id)
                .filter(id -> !doc.contains("`" + id + "`"))
                .toList();
        assertEquals(List.of(), missing);
    }
}
