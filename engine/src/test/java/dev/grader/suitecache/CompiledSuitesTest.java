package dev.grader.suitecache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.Fixtures;
import dev.grader.build.ClasspathResolver;
import dev.grader.build.JavaCompilation;
import dev.grader.exercise.Exercise;
import dev.grader.workspace.FileTrees;
import dev.grader.workspace.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden suites' classes are reused for a submission whose API was compiled against before, and compiled again
 * when the API (a signature, a constant the suites may copy) changed, on the fixture exercise {@code adder}.
 */
class CompiledSuitesTest {

    private static final String BODY_CHANGED = "return a + b;";

    @TempDir
    Path tmp;

    private final Exercise adder = Fixtures.fixtureCatalog().get("adder");

    private JavaCompilation.Compiled compile(CompiledSuites suites, Path project, String grade) throws IOException {
        List<Path> classpath =
                new java.util.ArrayList<>(new ClasspathResolver(Fixtures.cache(), Fixtures.settings()).resolve(adder));
        classpath.add(supportClasses());
        return suites.compile(
                adder,
                project,
                classpath,
                tmp.resolve(grade + "/main"),
                tmp.resolve(grade + "/hidden"),
                FileTrees.files(adder.hidden(), ".java"));
    }

    /** Where the grader's dev.grader.support classes are (the hidden suites use them), as a grade's classpath has. */
    private static Path supportClasses() {
        try {
            return Path.of(dev.grader.support.Seeds.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference solution with {@code from} replaced by {@code to} in Adder.java. */
    private Path solution(String name, String from, String to) throws IOException {
        Path project = Variants.solution(adder, tmp.resolve(name));
        Path adderJava = project.resolve("src/main/java/com/acme/adder/Adder.java");
        String source = Files.readString(adderJava);
        assertTrue(source.contains(from), source);
        Files.writeString(adderJava, source.replace(from, to));
        return project;
    }

    private int kept(Path cache) throws IOException {
        Path root = cache.resolve("hidden-suites");
        try (Stream<Path> suites = Files.list(root)) {
            Path only = suites.findFirst().orElseThrow();
            try (Stream<Path> apis = Files.list(only)) {
                return (int) apis.count();
            }
        }
    }

    private byte[] basicsTestClass(String grade) throws IOException {
        return Files.readAllBytes(tmp.resolve(grade + "/hidden/com/acme/adder/hidden/BasicsTest.class"));
    }

    @Test
    void anUnchangedApiReusesTheSuitesAndAChangedOneCompilesThem() throws IOException {
        Path cache = tmp.resolve("cache");
        CompiledSuites suites = new CompiledSuites(cache);

        JavaCompilation.Compiled first = compile(suites, solution("first", BODY_CHANGED, BODY_CHANGED), "g1");
        assertTrue(first.companion().success(), first.companion().diagnostics().toString());
        assertEquals(1, kept(cache));

        JavaCompilation.Compiled body = compile(suites, solution("body", BODY_CHANGED, "return b + a;"), "g2");
        assertTrue(body.companion().success());
        assertEquals(1, kept(cache), "a change inside a method body is the same API");
        assertArrayEquals(basicsTestClass("g1"), basicsTestClass("g2"));

        Path widened = solution(
                "api", "  private Adder() {}", "  private Adder() {}\n\n  public static int zero() { return 0; }");
        JavaCompilation.Compiled api = compile(suites, widened, "g3");
        assertTrue(api.companion().success(), api.companion().diagnostics().toString());
        assertEquals(2, kept(cache), "a new public method is another API: the suites were compiled against it");

        Path constant = solution(
                "const", "  private Adder() {}", "  private Adder() {}\n\n  public static final int LIMIT = 7;");
        compile(suites, constant, "g4");
        Path otherConstant = solution(
                "const2", "  private Adder() {}", "  private Adder() {}\n\n  public static final int LIMIT = 8;");
        compile(suites, otherConstant, "g5");
        assertEquals(4, kept(cache), "a constant's value is part of the API: code that reads it holds a copy");
    }

    @Test
    void anEntryLosingFilesToAnotherGradersPruningIsNotRestored() throws IOException {
        Path cache = tmp.resolve("cache");
        CompiledSuites suites = new CompiledSuites(cache);
        assertTrue(compile(suites, solution("first", BODY_CHANGED, BODY_CHANGED), "g1")
                .companion()
                .success());
        Path entry;
        try (Stream<Path> all = Files.walk(cache.resolve("hidden-suites"))) {
            entry = all.filter(p -> p.endsWith("com/acme/adder/hidden/BasicsTest.class"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.delete(entry); // pruning deletes an entry's files one by one: a copy now would lack this test class

        JavaCompilation.Compiled again = compile(suites, solution("again", BODY_CHANGED, BODY_CHANGED), "g2");
        assertTrue(again.companion().success(), again.companion().diagnostics().toString());
        assertArrayEquals(basicsTestClass("g1"), basicsTestClass("g2"), "the suites were compiled again, whole");
    }

    @Test
    void anApiTheSuitesDoNotCompileAgainstFailsAsInOneCompilerRun() throws IOException {
        CompiledSuites suites = new CompiledSuites(tmp.resolve("cache"));
        compile(suites, solution("first", BODY_CHANGED, BODY_CHANGED), "g1");

        JavaCompilation.Compiled renamed = compile(
                suites,
                solution("renamed", "public static int add(int a, int b)", "public static int plus(int a, int b)"),
                "g2");

        assertTrue(renamed.main().success());
        assertFalse(renamed.companion().success());
        assertTrue(
                renamed.companion().diagnostics().toString().contains("BasicsTest.java"),
                renamed.companion().diagnostics().toString());
    }

    @Test
    void aSubmissionThatDoesNotCompileHasNoSuitesResult() throws IOException {
        CompiledSuites suites = new CompiledSuites(tmp.resolve("cache"));
        compile(suites, solution("first", BODY_CHANGED, BODY_CHANGED), "g1");

        JavaCompilation.Compiled broken = compile(suites, solution("broken", BODY_CHANGED, "return a +;"), "g2");

        assertFalse(broken.main().success());
        assertNull(broken.companion());
    }

    @Test
    void theFingerprintIgnoresBodiesAndSeesSignaturesAndConstants() throws IOException {
        CompiledSuites none = new CompiledSuites(null);
        compile(none, solution("a", BODY_CHANGED, BODY_CHANGED), "a");
        compile(none, solution("b", BODY_CHANGED, "return Math.addExact(a, b);"), "b");
        compile(
                none,
                solution("c", "public static long sum(int[] values)", "public static long sum(int... values)"),
                "c");

        String a = ApiFingerprint.of(tmp.resolve("a/main"));
        assertEquals(a, ApiFingerprint.of(tmp.resolve("b/main")));
        assertNotEquals(a, ApiFingerprint.of(tmp.resolve("c/main")), "varargs changes how callers compile");
    }

    @Test
    void privateMethodsAndLambdasAreNotPartOfTheFingerprintButPrivateFieldsAre() throws IOException {
        CompiledSuites none = new CompiledSuites(null);
        compile(none, solution("a", BODY_CHANGED, BODY_CHANGED), "a");
        compile(
                none,
                solution(
                        "helper",
                        "  public static int add(int a, int b) {\n    return a + b;\n  }",
                        "  public static int add(int a, int b) {\n    return plus(a, b);\n  }\n\n"
                                + "  private static int plus(int a, int b) {\n"
                                + "    java.util.function.IntBinaryOperator op = (x, y) -> x + y;\n"
                                + "    return op.applyAsInt(a, b);\n  }"),
                "helper");
        compile(
                none,
                solution("field", "  private Adder() {}", "  private static int calls;\n\n  private Adder() {}"),
                "field");
        compile(none, solution("ctor", "  private Adder() {}", "  Adder() {}"), "ctor");

        String a = ApiFingerprint.of(tmp.resolve("a/main"));
        assertEquals(a, ApiFingerprint.of(tmp.resolve("helper/main")), "a private helper and a lambda");
        assertNotEquals(a, ApiFingerprint.of(tmp.resolve("field/main")), "a private field can hide an inherited one");
        assertNotEquals(a, ApiFingerprint.of(tmp.resolve("ctor/main")), "a constructor no longer private");
    }
}
