package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.TestTiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@TestTiers.Grades
class ConfinementTest {

    @TempDir
    Path dir;

    @Test
    void aConfinedProcessWritesRelativePathsIntoItsWorkFolderAndNowhereElse() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path outside = dir.resolve("outside.txt");
        Confinement confinement = Confinement.probe(Fixtures.settings());
        List<String> cmd = new ArrayList<>(confinement.available() ? Confinement.prefix(work) : List.of());
        cmd.addAll(List.of(
                "/bin/sh",
                "-c",
                "echo in > relative.txt; echo out > \"$1\" 2>/dev/null; exit 0",
                "sh",
                outside.toString()));
        Process p = new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals(
                "in",
                Files.readString(work.resolve("relative.txt")).strip(),
                "a relative path lands in the work folder (the working directory is on its writable mount)");
        if (confinement.available()) {
            assertFalse(Files.exists(outside), "confined: nothing written outside the work folder");
        } else {
            assertTrue(
                    Files.exists(outside), "unconfined (" + confinement.reason() + "): the write outside went through");
        }
    }
}
