package dev.grader.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No main class of the engine is longer than {@link #MAX_LINES} lines (STYLE: small classes named for what they do). */
class ClassSizeTest {

    static final int MAX_LINES = 300;
    private static final Path MAIN = Path.of("src", "main", "java");

    @Test
    void noMainSourceFileIsLongerThanTheLimit() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the engine module: " + MAIN.toAbsolutePath() + " is missing");
        List<String> tooLong;
        long files;
        try (Stream<Path> walk = Files.walk(MAIN)) {
            List<Path> sources =
                    walk.filter(p -> p.toString().endsWith(".java")).toList();
            files = sources.size();
            tooLong = sources.stream()
                    .filter(p -> lines(p) > MAX_LINES)
                    .map(p -> MAIN.relativize(p) + " (" + lines(p) + " lines)")
                    .sorted()
                    .toList();
        }
        assertTrue(files > 100, "expected the engine's sources under " + MAIN.toAbsolutePath() + ", found " + files);
        assertEquals(List.of(), tooLong, "split these into cohesive classes of at most " + MAX_LINES + " lines");
    }

    @Test
    void theCountIsWhatWcCounts() throws IOException {
        Path file = Files.createTempFile("splits-size", ".java");
        try {
            Files.writeString(file, "a\nb\nc\n");
            assertEquals(3, lines(file));
            Files.writeString(file, "a\nb\nc"); // no final newline: wc -l says 2, the file still has 3 lines
            assertEquals(3, lines(file));
        } finally {
            Files.delete(file);
        }
    }

    /** The file's lines (a last line without a newline counts). */
    static long lines(Path file) {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
