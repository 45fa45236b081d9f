package dev.grader.codeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.model.CodeEvidence;
import dev.grader.model.CodeEvidence.Change;
import dev.grader.model.CodeEvidence.Line;
import dev.grader.model.CodeEvidence.LineKind;
import dev.grader.model.CodeEvidence.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeViewTest {

    @TempDir
    Path dir;

    private static final String STARTER = """
      package com.acme;

      public class Limiter {

        private final int capacity;

        public Limiter(int capacity) {
          this.capacity = capacity;
        }

        public boolean tryAcquire(String client) {
          throw new UnsupportedOperationException("TODO");
        }

        public int capacity() {
          return capacity;
        }
      }
      """;

    private static final String SUBMISSION = """
      package com.acme;

      import java.util.HashMap;
      import java.util.Map;

      public class Limiter {

        private final int capacity;
        private final Map<String, Integer> used = new HashMap<>();

        public Limiter(int capacity) {
          this.capacity = capacity;
        }

        public boolean tryAcquire(String client) {
          int n = used.getOrDefault(client, 0);
          if (n >= capacity) {
            return false;
          }
          used.put(client, n + 1);
          return true;
        }

        public int capacity() {
          return capacity;
        }

        static final class Window {
          void reset(Map<String, Integer> used, String... clients) {
            for (String c : clients) {
              used.remove(c);
            }
          }
        }
      }
      """;

    @Test
    void changedFileIsAUnifiedDiffWithBothLineNumbersAndThreeLinesOfContext() throws IOException {
        CodeEvidence code = CodeView.of(List.of(changed("src/main/java/com/acme/Limiter.java", STARTER, SUBMISSION)));
        assertEquals(1, code.files().size());
        CodeEvidence.File f = code.files().get(0);
        assertEquals(Change.CHANGED, f.status());
        assertFalse(f.truncated());
        // every new line number in the diff shows the submission's line, every old one the starter's
        List<String> before = STARTER.lines().toList();
        List<String> after = SUBMISSION.lines().toList();
        for (CodeEvidence.Hunk h : f.hunks()) {
            for (Line l : h.lines()) {
                if (l.newLine() != null) {
                    assertEquals(after.get(l.newLine() - 1), l.text(), "new line " + l.newLine());
                }
                if (l.oldLine() != null) {
                    assertEquals(before.get(l.oldLine() - 1), l.text(), "old line " + l.oldLine());
                }
                assertEquals(l.kind() == LineKind.ADDED, l.oldLine() == null, l.toString());
                assertEquals(l.kind() == LineKind.REMOVED, l.newLine() == null, l.toString());
            }
        }
        List<String> removed = lines(f, LineKind.REMOVED);
        assertEquals(List.of("    throw new UnsupportedOperationException(\"TODO\");"), removed);
        assertTrue(lines(f, LineKind.ADDED).contains("    used.put(client, n + 1);"));
        int added = (int) f.hunks().stream()
                .flatMap(h -> h.lines().stream())
                .filter(l -> l.kind() == LineKind.ADDED)
                .count();
        assertEquals(added, f.linesAdded(), "nothing cut, so every added line is shown");
        assertEquals(1, f.linesRemoved());
        // the hunk that replaces the TODO starts three unchanged lines before it
        CodeEvidence.Hunk body = f.hunks().stream()
                .filter(h -> h.lines().stream().anyMatch(l -> l.kind() == LineKind.REMOVED))
                .findFirst()
                .orElseThrow();
        int firstChange = IntStream.range(0, body.lines().size())
                .filter(i -> body.lines().get(i).kind() != LineKind.CONTEXT)
                .findFirst()
                .orElseThrow();
        assertTrue(firstChange <= 3, "at most three lines of context: " + body.lines());
        assertEquals(LineKind.CONTEXT, body.lines().get(body.lines().size() - 1).kind());
    }

    @Test
    void listsAddedAndChangedMethodsLargestFirstButNotUnchangedOnesThatMoved() throws IOException {
        CodeEvidence code = CodeView.of(List.of(changed("src/main/java/com/acme/Limiter.java", STARTER, SUBMISSION)));
        assertEquals(
                List.of(
                        new Method(
                                "src/main/java/com/acme/Limiter.java",
                                "Limiter.tryAcquire(String)",
                                15,
                                8,
                                Change.CHANGED),
                        new Method(
                                "src/main/java/com/acme/Limiter.java",
                                "Limiter.Window.reset(Map<String,Integer>, String...)",
                                29,
                                5,
                                Change.ADDED)),
                code.methods());
    }

    @Test
    void addedFilesComeAfterMainSourcesAndAreAllAdded() throws IOException {
        Path readme = write("sub/NOTES.md", "# notes\n<script>alert(1)</script>\n");
        Path test = write("sub/LimiterTest.java", "class LimiterTest {\n  void t() {}\n}\n");
        CodeEvidence code = CodeView.of(List.of(
                new ComparedFile("NOTES.md", null, readme),
                new ComparedFile("src/test/java/LimiterTest.java", null, test),
                changed("src/main/java/com/acme/Limiter.java", STARTER, SUBMISSION)));
        assertEquals(
                List.of("src/main/java/com/acme/Limiter.java", "src/test/java/LimiterTest.java", "NOTES.md"),
                code.files().stream().map(CodeEvidence.File::path).toList());
        CodeEvidence.File notes = code.files().get(2);
        assertEquals(Change.ADDED, notes.status());
        assertEquals(
                List.of(
                        new Line(LineKind.ADDED, null, 1, "# notes"),
                        new Line(LineKind.ADDED, null, 2, "<script>alert(1)</script>")),
                notes.hunks().get(0).lines());
        assertTrue(code.methods()
                .contains(new Method("src/test/java/LimiterTest.java", "LimiterTest.t()", 2, 1, Change.ADDED)));
    }

    @Test
    void aFloodOfFilesAndLinesIsCappedAndTheNotesSayWhatWasCut() throws IOException {
        List<ComparedFile> files = new ArrayList<>();
        String big = IntStream.range(0, 2000)
                .mapToObj(i -> "int f" + i + "() { return " + i + "; }")
                .collect(Collectors.joining("\n", "class Big {\n", "\n}\n"));
        for (int i = 0; i < 60; i++) {
            String rel = "src/main/java/Big" + i + ".java";
            files.add(new ComparedFile(rel, null, write("flood/" + rel, big.replace("Big", "Big" + i))));
        }
        files.add(new ComparedFile("one-line.txt", null, write("flood/one-line.txt", "x".repeat(100_000))));
        files.add(new ComparedFile("blob.bin", null, Files.write(dir.resolve("flood/blob.bin"), new byte[] {1, 0, 2})));
        CodeEvidence code = CodeView.of(files);
        assertEquals(CodeView.MAX_FILES, code.files().size());
        int total = 0;
        for (CodeEvidence.File f : code.files()) {
            int shown = f.hunks().stream().mapToInt(h -> h.lines().size()).sum();
            assertTrue(shown <= CodeView.MAX_FILE_LINES, f.path() + ": " + shown);
            total += shown;
        }
        assertEquals(CodeView.MAX_LINES, total, "the budget of lines is used, not exceeded");
        assertTrue(code.files().get(0).truncated());
        assertEquals(2002, code.files().get(0).linesAdded(), "the count covers the lines that were cut");
        assertTrue(code.files().get(CodeView.MAX_FILES - 1).hunks().isEmpty(), "no lines left for the last files");
        assertEquals(CodeView.MAX_METHODS, code.methods().size());
        assertTrue(
                code.notes()
                        .get(0)
                        .startsWith("diff lines cut (at most 800 per file, 6000 in all) in src/main/java/Big0.java"),
                code.notes().toString());
        assertTrue(
                code.notes().contains("22 more files not shown (at most 40)"),
                code.notes().toString());
        assertTrue(
                code.notes().stream().anyMatch(n -> n.endsWith("smaller methods not listed (at most 100)")),
                code.notes().toString());
        assertTrue(
                code.notes().stream()
                        .anyMatch(n -> n.startsWith("methods not listed for ")
                                && n.endsWith(
                                        " Java files (at most 500 thousand characters of Java are read for methods)")),
                code.notes().toString());
    }

    @Test
    void longLinesAreCutAndBinaryFilesNamedInTheNotes() throws IOException {
        CodeEvidence code = CodeView.of(List.of(
                new ComparedFile("one-line.txt", null, write("one-line.txt", "x".repeat(100_000))),
                new ComparedFile("blob.bin", null, Files.write(dir.resolve("blob.bin"), new byte[] {1, 0, 2}))));
        String text = code.files().get(0).hunks().get(0).lines().get(0).text();
        assertEquals("x".repeat(FileDiff.MAX_LINE_CHARS) + "… (99700 more characters)", text);
        assertEquals(List.of("blob.bin: not shown, not text"), code.notes());
    }

    @Test
    void aJavaFileThatDoesNotParseIsShownWithoutMethods() throws IOException {
        CodeEvidence code =
                CodeView.of(List.of(changed("src/main/java/A.java", "class A {}\n", "class A { void f( }\n")));
        assertEquals(1, code.files().size());
        assertTrue(code.methods().isEmpty());
    }

    private ComparedFile changed(String rel, String before, String after) throws IOException {
        return new ComparedFile(rel, write("starter/" + rel, before), write("submission/" + rel, after));
    }

    private Path write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static List<String> lines(CodeEvidence.File f, LineKind kind) {
        return f.hunks().stream()
                .flatMap(h -> h.lines().stream())
                .filter(l -> l.kind() == kind)
                .map(Line::text)
                .toList();
    }
}
