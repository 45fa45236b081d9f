package dev.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.support.docker.DockerProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code grade --sandbox}: a Docker engine or a clear infrastructure error, never a silent fallback. */
class SandboxOptionTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void dockerSandboxGradesInAContainerOrSaysThereIsNoDockerEngine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(
                out,
                err,
                "grade",
                "--exercise",
                "adder",
                "--variant",
                "solution",
                "--sandbox",
                "docker",
                "--no-color",
                "--exercises",
                Fixtures.root().resolve("exercises").toString(),
                "--cache",
                Fixtures.cache().toString());
        if (DockerProbe.testcontainers().available()) {
            assertEquals(ExitCodes.OK, code, out + "\n" + err);
            assertTrue(out.toString().contains("100 / 100"), out.toString());
        } else {
            assertEquals(ExitCodes.INFRASTRUCTURE, code, out + "\n" + err);
            assertTrue(
                    out.toString().contains("--sandbox docker needs a Docker engine: no Docker engine found"),
                    out.toString());
        }
    }

    @Test
    void anUnknownSandboxIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(
                out,
                err,
                "grade",
                "--exercise",
                "adder",
                "--variant",
                "solution",
                "--sandbox",
                "chroot",
                "--exercises",
                Fixtures.root().resolve("exercises").toString());
        assertEquals(ExitCodes.USAGE, code, out + "\n" + err);
        assertTrue(err.toString().contains("--sandbox must be none or docker, was 'chroot'"), err.toString());
    }
}
