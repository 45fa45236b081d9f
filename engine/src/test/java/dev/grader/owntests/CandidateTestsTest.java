package dev.grader.owntests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.build.CompileResult;
import dev.grader.build.JavaCompilation;
import dev.grader.exercise.Exercise;
import dev.grader.workspace.Variants;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tests are the candidate's, and how they compile when they use a visible test's classes. */
class CandidateTestsTest {

    private static final String PKG = "src/test/java/com/acme/adder/";
    private final Exercise adder = Fixtures.fixtureCatalog().get("adder");

    private Path project(Path dir) throws IOException {
        Path p = Variants.solution(adder, dir.resolve("p"));
        Files.writeString(
                p.resolve(PKG + "AdderTest.java"),
                Files.readString(p.resolve(PKG + "AdderTest.java"))
                        .replace(
                                "assertEquals(3, Adder.add(1, 2));",
                                "assertEquals(3, Adder.add(1, 2));\n  }\n\n  static int three() {\n"
                                        + "    return 3;"));
        Files.writeString(
                p.resolve(PKG + "MoreAdderTest.java"),
                "package com.acme.adder;\n\n"
                        + "import static org.junit.jupiter.api.Assertions.assertEquals;\n\nimport org.junit.jupiter.api.Test;\n\n"
                        + "class MoreAdderTest {\n  @Test\n  void addsNegatives() {\n    assertEquals(-3, Adder.add(-1, -2));\n  }\n}\n");
        return p;
    }

    @Test
    void theStartersVisibleTestsAreNotTheCandidatesEvenWhenChanged(@TempDir Path dir) throws IOException {
        CandidateTests tests = CandidateTests.find(adder, project(dir));
        assertEquals(List.of(PKG + "MoreAdderTest.java"), tests.names());
        assertTrue(CandidateTests.find(adder, Variants.solution(adder, dir.resolve("plain")))
                .isEmpty());
    }

    @Test
    void aTestUsingAVisibleTestsClassCompilesWithItButOnlyItsOwnClassesAreScanned(@TempDir Path dir)
            throws IOException {
        Path p = project(dir);
        Files.writeString(
                p.resolve(PKG + "MoreAdderTest.java"),
                Files.readString(p.resolve(PKG + "MoreAdderTest.java"))
                        .replace(
                                "assertEquals(-3, Adder.add(-1, -2));",
                                "assertEquals(AdderTest.three(), Adder.add(1, 2));"));
        // The visible test compiled here is the starter's original, which has no three(): the candidate's changed copy
        // of a visible test is never used.
        List<Path> cp = new ArrayList<>(
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(Path::of)
                        .toList());
        Path main = Files.createDirectories(dir.resolve("main"));
        assertTrue(JavaCompilation.compileTree(p.resolve("src/main/java"), cp, main, 17, p)
                .success());
        cp.add(main);
        CandidateTests tests = CandidateTests.find(adder, p);
        CompileResult r = tests.compile(
                cp, Files.createDirectories(dir.resolve("t")), Files.createDirectories(dir.resolve("v")), 17);
        assertFalse(r.success(), "three() is in the candidate's copy of the visible test only");

        Files.writeString(
                p.resolve(PKG + "MoreAdderTest.java"),
                Files.readString(p.resolve(PKG + "MoreAdderTest.java"))
                        .replace("AdderTest.three()", "new AdderTest().hashCode() * 0 + 3"));
        r = tests.compile(
                cp, Files.createDirectories(dir.resolve("t2")), Files.createDirectories(dir.resolve("v2")), 17);
        assertTrue(r.success(), r.diagnostics().toString());
        assertTrue(Files.isRegularFile(dir.resolve("t2/com/acme/adder/MoreAdderTest.class")));
        assertFalse(Files.exists(dir.resolve("t2/com/acme/adder/AdderTest.class")), "the visible test is never run");
        assertTrue(Files.isRegularFile(dir.resolve("v2/com/acme/adder/AdderTest.class")));
    }
}
