package dev.grader.workspace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The grader's temporary folders: deleted when done, left alone when kept. (Ctrl-C: {@code InterruptTest}.) */
class TemporaryFoldersTest {

    @Test
    void aFolderDeletedWithWhatItHoldsIsNoLongerDeletedAtExit() throws IOException {
        Path dir = TemporaryFolders.create("grader-test-");
        Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("c.txt"), "x");
        assertTrue(dir.getFileName().toString().startsWith("grader-test-"), dir.toString());
        assertTrue(TemporaryFolders.live().contains(dir), "deleted at exit if still there");
        TemporaryFolders.delete(dir);
        assertFalse(Files.exists(dir), "deleted with what it held");
        assertFalse(TemporaryFolders.live().contains(dir));
    }

    @Test
    void aKeptFolderStaysWhenDeletedAndAtExit() throws IOException {
        Path dir = TemporaryFolders.create("grader-test-");
        try {
            TemporaryFolders.keep(dir);
            TemporaryFolders.delete(dir);
            assertTrue(Files.isDirectory(dir), "a kept folder stays");
            assertFalse(TemporaryFolders.live().contains(dir), "and is not deleted at exit");
        } finally {
            FileTrees.deleteQuietly(dir);
        }
    }
}
