package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on real processes: a shell stands in for the test JVM (it carries the runner's class name among its
 * arguments, as the JVM does), and what it starts is what the code under test would.
 */
@EnabledOnOs(OS.LINUX)
class ProcessSweepTest {

    @TempDir
    static Path bin;

    /**
     * A shell copied to a file named {@code java}, given the runner's class name as an argument: what the sweep takes
     * for the test JVM. (A wrapper such as the confinement's {@code sh} has the class name among its arguments too,
     * but is not {@code java}.)
     */
    private static Process fakeJvm(String marker, String script) throws Exception {
        Path java = bin.resolve("java");
        if (!Files.exists(java)) {
            Files.copy(Path.of("/bin/sh"), java);
            java.toFile().setExecutable(true);
        }
        ProcessBuilder pb =
                new ProcessBuilder(java.toString(), "-c", script, dev.grader.run.boot.RunnerBoot.class.getName());
        pb.environment().put(ProcessSweep.MARKER_ENV, marker);
        return pb.start();
    }

    private static List<ProcessHandle> withArgument(String argument) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> List.of(a).contains(argument))
                        .orElse(false))
                .toList();
    }

    @Test
    void aProcessThatEndedByItselfIsNotReportedKilled() throws Exception {
        String marker = ProcessSweep.newMarker();
        Process jvm = fakeJvm(marker, "sleep 0.3; sleep 600");
        ProcessSweep sweep = new ProcessSweep(jvm, marker);
        Thread.sleep(150);
        sweep.watch(); // sees "sleep 0.3"
        Thread.sleep(600);
        sweep.watch(); // sees "sleep 600"
        sweep.killAll();
        String note = sweep.note();
        assertTrue(
                note.matches(
                        "the code under test started 2 processes \\((\\S*/)?sleep 0\\.3; (\\S*/)?sleep 600\\): .*"),
                note);
        assertTrue(note.endsWith(": 1 had ended by itself, 1 was killed after the run"), note);
        assertFalse(jvm.isAlive());
    }

    @Test
    void aDetachedProcessIsFoundByItsMarkerKilledAndReportedSo() throws Exception {
        String marker = ProcessSweep.newMarker();
        String tag = "6543" + (System.nanoTime() % 10);
        // The subshell exits at once: its sleep leaves the shell's tree before the sweep ever looks.
        Process jvm = fakeJvm(marker, "(sleep 60" + tag + " &); sleep 600");
        ProcessSweep sweep = new ProcessSweep(jvm, marker);
        Thread.sleep(300);
        assertEquals(1, withArgument("60" + tag).size(), "the detached process runs");
        sweep.killAll();
        String note = sweep.note();
        assertTrue(note.contains("sleep 60" + tag), note);
        assertTrue(note.contains("1 of them detached from the test JVM"), note);
        assertTrue(note.endsWith("were killed after the run"), note);
        for (int i = 0; i < 50 && !withArgument("60" + tag).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertTrue(withArgument("60" + tag).isEmpty(), "the detached process is still running");
    }

    @Test
    void noProcessNoNote() throws Exception {
        String marker = ProcessSweep.newMarker();
        Process jvm = fakeJvm(marker, "exec sleep 600");
        ProcessSweep sweep = new ProcessSweep(jvm, marker);
        Thread.sleep(100);
        sweep.watch();
        sweep.killAll();
        assertNull(sweep.note());
        assertEquals(Optional.empty(), jvm.toHandle().parent().filter(p -> jvm.isAlive()));
    }

    @Test
    void aWrapperInFrontOfTheJvmAndItsHelpersAreNotTheCodeUnderTest() throws Exception {
        String marker = ProcessSweep.newMarker();
        // A shell that names the runner among its arguments (as the confinement's does) runs a helper, as the
        // confinement's mounts are, before it starts the JVM, which starts nothing.
        ProcessBuilder pb = new ProcessBuilder(
                "/bin/sh",
                "-c",
                "sleep 0.5; exec \"$0\" -c 'read x' " + dev.grader.run.boot.RunnerBoot.class.getName(),
                bin.resolve("java").toString());
        fakeJvm(marker, "true").waitFor(); // makes bin/java
        pb.environment().put(ProcessSweep.MARKER_ENV, marker);
        Process wrapper = pb.start();
        ProcessSweep sweep = new ProcessSweep(wrapper, marker);
        Thread.sleep(200);
        sweep.watch(); // the wrapper's helper "sleep 0.5" runs
        Thread.sleep(700);
        sweep.watch(); // the JVM (the wrapper, exec'd) waits on its stdin and starts nothing
        sweep.killAll();
        assertNull(sweep.note(), "the wrapper's helper was taken for the code under test");
    }
}
