package dev.grader.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchesTest {

    @TempDir
    Path dir;

    @Test
    void appliesAUnifiedDiffWithPrefixesAndTimestamps() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/A.java"), "class A {\n  int x = 1;\n}\n");
        Path patch = dir.resolve("p.patch");
        Files.writeString(patch, """
        --- a/src/A.java\t2026-01-01 00:00:00
        +++ b/src/A.java\t2026-01-01 00:00:01
        @@ -1,3 +1,3 @@
         class A {
        -  int x = 1;
        +  int x = 2;
         }
        """);
        Patches.apply(patch, dir);
        assertEquals("class A {\n  int x = 2;\n}\n", Files.readString(dir.resolve("src/A.java")));
    }

    @Test
    void refusesAPatchThatDoesNotApply() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/A.java"), "class A {\n  int y = 1;\n}\n");
        Path patch = dir.resolve("p.patch");
        Files.writeString(
                patch,
                "--- a/src/A.java\n+++ b/src/A.java\n@@ -1,3 +1,3 @@\n class A {\n-  int x = 1;\n+  int x = 2;\n }\n");
        IOException e = assertThrows(IOException.class, () -> Patches.apply(patch, dir));
        assertTrue(e.getMessage().contains("does not apply to src/A.java"), e.getMessage());
    }

    @Test
    void refusesPathsOutsideTheProject() throws IOException {
        Path patch = dir.resolve("p.patch");
        Files.writeString(patch, "--- /dev/null\n+++ b/../evil.txt\n@@ -0,0 +1 @@\n+x\n");
        IOException e = assertThrows(IOException.class, () -> Patches.apply(patch, dir.resolve("project")));
        assertTrue(e.getMessage().contains("points outside the project"), e.getMessage());
    }
}
