package dev.grader.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles against one library share its file manager, and nothing of one compile reaches the next. */
class FileManagerPoolTest {

    @TempDir
    Path tmp;

    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();

    @Test
    void aFileManagerGivenBackIsTheNextOneBorrowedForItsClassPath() {
        List<Path> classpath = List.of(tmp.resolve("a.jar"));
        StandardJavaFileManager first = FileManagerPool.borrow(COMPILER, classpath);
        FileManagerPool.giveBack(classpath, first);
        assertSame(first, FileManagerPool.borrow(COMPILER, classpath));
        assertNotSame(first, FileManagerPool.borrow(COMPILER, List.of(tmp.resolve("b.jar"))), "another class path");
        assertNotSame(first, FileManagerPool.borrow(COMPILER, classpath), "borrowed already: a new one");
    }

    @Test
    void compilesAgainstOneLibraryEachGetTheirOwnClassesAndErrors() throws IOException {
        Path lib = library();
        Path broken = project("broken", "package p;\npublic class A { int v = lib.L.value() + missing; }\n");
        Path good = project("good", "package p;\npublic class B { int v = lib.L.value(); }\n");
        Path other = project("other", "package q;\npublic class C { int v = lib.L.value(); }\n");

        CompileResult failed = compileTree(broken, lib);
        CompileResult b = compileTree(good, lib);
        CompileResult c = compileTree(other, lib);

        assertFalse(failed.success());
        assertTrue(
                failed.diagnostics().toString().contains("missing"),
                failed.diagnostics().toString());
        assertTrue(b.success(), b.diagnostics().toString());
        assertEquals(List.of(), b.diagnostics(), "the failed compile's errors stay with it");
        assertTrue(c.success(), c.diagnostics().toString());
        assertTrue(Files.isRegularFile(good.resolve("out/p/B.class")));
        assertFalse(Files.exists(good.resolve("out/q")), "the next compile's classes went to its own folder");
        assertTrue(Files.isRegularFile(other.resolve("out/q/C.class")));
        assertFalse(Files.exists(other.resolve("out/p")), "nothing of the compile before");
    }

    private CompileResult compileTree(Path project, Path lib) {
        return JavaCompilation.compileTree(
                project.resolve("src/main/java"), List.of(lib), project.resolve("out"), 17, project);
    }

    private Path project(String name, String source) throws IOException {
        Path project = tmp.resolve(name);
        String pkg = source.substring("package ".length(), source.indexOf(';'));
        String cls = source.substring(source.indexOf("class ") + 6, source.indexOf(" {"));
        Path dir = Files.createDirectories(project.resolve("src/main/java").resolve(pkg));
        Files.writeString(dir.resolve(cls + ".java"), source);
        return project;
    }

    /** A jar holding {@code lib.L} with {@code static int value()}. */
    private Path library() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("lib-src/lib"));
        Files.writeString(
                src.resolve("L.java"), "package lib;\npublic class L { public static int value() { return 1; } }\n");
        Path classes = tmp.resolve("lib-classes");
        CompileResult r = JavaCompilation.compile(List.of(src.resolve("L.java")), List.of(), classes, 17, tmp);
        assertTrue(r.success(), r.diagnostics().toString());
        Path jar = tmp.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("lib/L.class"));
            out.write(Files.readAllBytes(classes.resolve("lib/L.class")));
            out.closeEntry();
        }
        return jar;
    }
}
