package dev.grader.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.model.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a submission's source folder may hold before the compiler reads it. */
class JavaCompilationTest {

    @TempDir
    Path tmp;

    private Path project() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("project/src/main/java/p"));
        Files.writeString(
                src.resolve("A.java"), "package p;\npublic class A { public int b() { return new B().v; } }\n");
        return tmp.resolve("project");
    }

    private CompileResult compile(Path project) {
        return JavaCompilation.compileTree(
                project.resolve("src/main/java"), List.of(), tmp.resolve("out"), 17, project);
    }

    @Test
    void aLinkToAFileInsideTheSubmissionIsCompiled() throws IOException {
        Path project = project();
        Files.writeString(
                Files.createDirectories(project.resolve("shared")).resolve("B.java"),
                "package p;\nclass B { int v = 1; }\n");
        Files.createSymbolicLink(project.resolve("src/main/java/p/B.java"), project.resolve("shared/B.java"));
        CompileResult r = compile(project);
        assertTrue(r.success(), r.diagnostics().toString());
        assertTrue(Files.isRegularFile(tmp.resolve("out/p/B.class")));
    }

    @Test
    void aLinkOutOfTheSubmissionIsRefusedAndNeverRead() throws IOException {
        Path project = project();
        Path outside = Files.writeString(tmp.resolve("B.java"), "package p;\nclass B { int v = 1; }\n");
        Files.createSymbolicLink(project.resolve("src/main/java/p/B.java"), outside);
        CompileResult r = compile(project);
        assertFalse(r.success());
        assertEquals("src/main/java/p/B.java", r.diagnostics().get(0).file());
        assertTrue(
                r.diagnostics()
                        .get(0)
                        .message()
                        .startsWith("is a symbolic link to " + outside + ", outside the submission"),
                r.diagnostics().toString());
        assertFalse(Files.exists(tmp.resolve("out/p/B.class")));
    }

    @Test
    void aSourceFolderThatIsALinkIsRefused() throws IOException {
        Path real = project();
        Path project = Files.createDirectories(tmp.resolve("other/src/main"));
        Files.createSymbolicLink(project.resolve("java"), real.resolve("src/main/java"));
        CompileResult r = compile(tmp.resolve("other"));
        assertFalse(r.success());
        assertTrue(
                r.diagnostics().get(0).message().startsWith("is a symbolic link"),
                r.diagnostics().toString());
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLineAndByte() throws IOException {
        Path project = project();
        Files.write(
                project.resolve("src/main/java/p/B.java"),
                "package p;\n// caf\u00e9\nclass B { int v = 1; }\n".getBytes(StandardCharsets.ISO_8859_1));
        CompileResult r = compile(project);
        assertFalse(r.success());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("src/main/java/p/B.java", d.file());
        assertEquals(2, d.line());
        assertEquals(7, d.column());
        assertTrue(d.message().startsWith("is not valid UTF-8 (byte 0xE9)"), d.message());
    }

    @Test
    void anOversizedFileIsRefusedBeforeTheCompilerReadsIt() throws IOException {
        Path project = project();
        Files.writeString(
                project.resolve("src/main/java/p/B.java"),
                "package p;\nclass B { int v = 1; }\n"
                        + "//\n".repeat((int) (JavaCompilation.MAX_SOURCE_BYTES / 3) + 1));
        CompileResult r = compile(project);
        assertFalse(r.success());
        assertTrue(
                r.diagnostics().get(0).message().endsWith("source files over 1.0 MiB are refused"),
                r.diagnostics().toString());
    }

    /** A project with p.A and p.B, and suites (one in p, one with a nested class) that use them. */
    private JavaCompilation.Compiled withSuites(String a, String suite) throws IOException {
        Path project = project();
        Files.writeString(project.resolve("src/main/java/p/B.java"), "package p;\nclass B { int v = 1; }\n");
        if (a != null) {
            Files.writeString(project.resolve("src/main/java/p/A.java"), a);
        }
        Path suites = Files.createDirectories(tmp.resolve("suites/p"));
        Files.writeString(suites.resolve("ATest.java"), suite);
        Files.writeString(
                suites.resolve("Helper.java"),
                "package p;\nclass Helper { static class Inner { int b() { return new B().v; } } }\n");
        return JavaCompilation.compileTree(
                project.resolve("src/main/java"),
                List.of(),
                tmp.resolve("out"),
                17,
                project,
                new JavaCompilation.Companion(
                        List.of(suites.resolve("ATest.java"), suites.resolve("Helper.java")),
                        tmp.resolve("suites-out"),
                        tmp.resolve("suites")));
    }

    @Test
    void suitesCompiledInTheSameRunGetTheirOwnFolderEvenInTheSubmissionsPackage() throws IOException {
        JavaCompilation.Compiled r = withSuites(null, "package p;\nclass ATest { int t() { return new A().b(); } }\n");
        assertTrue(r.main().success(), r.main().diagnostics().toString());
        assertTrue(r.companion().success(), r.companion().diagnostics().toString());
        assertEquals(2, r.companion().sourceFiles());
        for (String c : List.of("p/A.class", "p/B.class")) {
            assertTrue(Files.isRegularFile(tmp.resolve("out").resolve(c)), c);
            assertFalse(Files.exists(tmp.resolve("suites-out").resolve(c)), c);
        }
        for (String c : List.of("p/ATest.class", "p/Helper.class", "p/Helper$Inner.class")) {
            assertTrue(Files.isRegularFile(tmp.resolve("suites-out").resolve(c)), c);
            assertFalse(Files.exists(tmp.resolve("out").resolve(c)), c);
        }
    }

    @Test
    void anErrorInTheSubmissionIsTheSubmissionsEvenWhenTheSuitesFailToo() throws IOException {
        JavaCompilation.Compiled r = withSuites(
                "package p;\npublic class A { public int b() { return missing(); } }\n",
                "package p;\nclass ATest { int t() { return new A().gone(); } }\n");
        assertFalse(r.main().success());
        assertEquals("src/main/java/p/A.java", r.main().diagnostics().get(0).file());
        assertEquals(1, r.main().diagnostics().size(), r.main().diagnostics().toString());
        assertEquals(null, r.companion());
    }

    @Test
    void suitesThatDoNotCompileAgainstTheSubmissionFailOnTheirOwn() throws IOException {
        JavaCompilation.Compiled r =
                withSuites(null, "package p;\nclass ATest { int t() { return new A().gone(); } }\n");
        assertTrue(r.main().success(), r.main().diagnostics().toString());
        assertFalse(r.companion().success());
        assertEquals("p/ATest.java", r.companion().diagnostics().get(0).file());
        assertEquals(2, r.companion().diagnostics().get(0).line());
        assertTrue(
                r.companion().diagnostics().get(0).message().contains("gone()"),
                r.companion().diagnostics().toString());
    }
}
