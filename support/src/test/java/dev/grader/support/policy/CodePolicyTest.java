package dev.grader.support.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule against small fixtures compiled here, with the expected finding beside the offending line. */
class CodePolicyTest {

    @TempDir
    Path tmp;

    private void assertFindings(Map<String, String> sources) throws IOException {
        Path classes = Compiled.compile(tmp.resolve("classes"), sources);
        CodePolicy.Result result = CodePolicy.check(classes);
        assertEquals(
                Compiled.expected(sources),
                Compiled.actual(result.findings()),
                result.findings().toString());
    }

    @Test
    void reflectionByARunTimeNameIsRefusedForTheCallNotTheString() throws IOException {
        assertFindings(Map.of("fx/Tuning.java", """
        package fx;
        import java.lang.reflect.AccessibleObject;
        import java.lang.reflect.Field;
        import java.lang.reflect.Method;
        public class Tuning {
          public static void tune(Object target) throws Exception {
            String name = new StringBuilder("lennahc").reverse().toString();
            Field f = target.getClass().getDeclaredField(name); // policy: reflection java.lang.Class.getDeclaredField
            Method m = AccessibleObject.class.getMethod("setAcc" + "essible", boolean.class); // policy: reflection java.lang.Class.getMethod
            m.invoke(f, true); // policy: reflection java.lang.reflect.Method.invoke
            Object channel = f.get(target); // policy: reflection java.lang.reflect.Field.get
            System.out.println(channel);
          }
        }
        """));
    }

    @Test
    void methodReferencesAndInvokedynamicHandlesCountLikeCalls() throws IOException {
        assertFindings(Map.of("fx/Refs.java", """
        package fx;
        import java.lang.reflect.Field;
        import java.util.function.IntConsumer;
        import java.util.function.Predicate;
        public class Refs {
          static Predicate<Field> opener() {
            return Field::trySetAccessible; // policy: access-override java.lang.reflect.AccessibleObject.trySetAccessible
          }
          static IntConsumer quitter() {
            return System::exit; // policy: jvm-exit java.lang.System.exit
          }
        }
        """));
    }

    @Test
    void privateLookupsAndClassesDefinedFromBytesAreRefused() throws IOException {
        assertFindings(Map.of("fx/Lookups.java", """
        package fx;
        import java.lang.invoke.MethodHandles;
        public class Lookups {
          static Object peek() throws Exception {
            return MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup()); // policy: access-override java.lang.invoke.MethodHandles.privateLookupIn
          }
          static Class<?> define(byte[] bytes) throws Exception {
            return MethodHandles.lookup().defineClass(bytes); // policy: class-loading java.lang.invoke.MethodHandles$Lookup.defineClass
          }
        }
        """, "fx/Loader.java", """
        package fx;
        // policy-class: class-loading subclass of java.lang.ClassLoader
        class Loader extends ClassLoader { // policy: class-loading java.lang.ClassLoader.<init>
          Class<?> make(byte[] b) {
            return defineClass(null, b, 0, b.length); // policy: class-loading java.lang.ClassLoader.defineClass
          }
        }
        """));
    }

    @Test
    void unsafeAndJdkInternalsAreRefused() throws IOException {
        assertFindings(Map.of("fx/Offsets.java", """
        package fx;
        public class Offsets {
          static long offset(Object unsafe, java.lang.reflect.Field f) {
            return ((sun.misc.Unsafe) unsafe).objectFieldOffset(f); // policy: jdk-internals sun.misc.Unsafe
          }
        }
        """));
    }

    @Test
    void aStaticCallThroughASubclassIsStillTheForbiddenMethod() throws IOException {
        assertFindings(Map.of("fx/Spy.java", """
        package fx;
        public class Spy extends Thread {
          static Object all() {
            return Spy.getAllStackTraces(); // policy: other-threads java.lang.Thread.getAllStackTraces
          }
          static void quiet(java.io.PrintStream p) {
            System.setOut(p); // policy: standard-streams java.lang.System.setOut
            Runtime.getRuntime().halt(0); // policy: jvm-exit java.lang.Runtime.halt
          }
          static Object spawn() throws Exception {
            return new ProcessBuilder("sleep", "1").start(); // policy: processes java.lang.ProcessBuilder; processes java.lang.Process
          }
          native void poke(); // policy-class: native-code native method fx.Spy.poke
        }
        """));
    }

    @Test
    void mainCodeThatUsesTheTestFrameworkIsRefused() throws IOException {
        assertFindings(Map.of("fx/Cheat.java", """
        package fx;
        public class Cheat {
          static void pass() {
            throw new org.opentest4j.TestAbortedException("skip"); // policy: grader-internals org.opentest4j.TestAbortedException
          }
        }
        """));
    }

    @Test
    void anOrdinaryClassHasNoFinding() throws IOException {
        Map<String, String> sources = Map.of("fx/Limiter.java", """
        package fx;
        import java.lang.invoke.MethodHandles;
        import java.lang.invoke.VarHandle;
        import java.util.*;
        import java.util.concurrent.*;
        import java.util.concurrent.atomic.AtomicLong;
        public class Limiter {
          record Bucket(long tokens, long at) {}
          enum Mode { STRICT, LOOSE }
          private static final VarHandle COUNT;
          static {
            try {
              COUNT = MethodHandles.lookup().findVarHandle(Limiter.class, "count", long.class);
            } catch (ReflectiveOperationException e) {
              throw new ExceptionInInitializerError(e);
            }
          }
          private volatile long count;
          private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
          private final AtomicLong hits = new AtomicLong();
          private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
          synchronized boolean take(String key, Mode mode) {
            Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(10, System.nanoTime()));
            String label = switch (mode) { case STRICT -> "s" + key; case LOOSE -> "l"; };
            COUNT.getAndAdd(this, 1L);
            hits.incrementAndGet();
            Thread.currentThread().getName();
            List<String> keys = new ArrayList<>(buckets.keySet());
            keys.sort(Comparator.naturalOrder());
            System.out.println(label + b + keys + getClass().getSimpleName() + Mode.valueOf("STRICT"));
            return b.tokens() > 0 && !timer.isShutdown();
          }
        }
        """);
        Path classes = Compiled.compile(tmp.resolve("classes"), sources);
        CodePolicy.Result result = CodePolicy.check(classes);
        assertEquals(List.of(), result.findings());
        assertTrue(result.classFiles() >= 3, "the record, the enum and the class were read: " + result.classFiles());
    }

    @Test
    void classFilesJarsAndServicesInResourcesAreRefusedAndTheirCodeChecked() throws IOException {
        Path classes = Compiled.compile(tmp.resolve("evil"), Map.of("fx/Evil.java", """
        package fx;
        public class Evil {
          static { System.exit(0); }
        }
        """));
        Path resources = Files.createDirectories(tmp.resolve("resources"));
        byte[] evil = Files.readAllBytes(classes.resolve("fx/Evil.class"));
        try (OutputStream out = Files.newOutputStream(resources.resolve("lib.jar"));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("fx/Evil.class"));
            zip.write(evil);
            zip.putNextEntry(new ZipEntry("META-INF/services/org.junit.platform.engine.TestEngine"));
            zip.write("fx.Evil\n".getBytes());
        }
        Files.write(resources.resolve("data.bin"), evil); // a class file by its content, whatever its name
        Files.writeString(resources.resolve("greeting.txt"), "hello");

        CodePolicy.Result result = CodePolicy.check(null, resources, Set.of());
        assertEquals(
                List.of(
                        "jvm-exit java.lang.System.exit fx/Evil.java:3 (in src/main/resources/data.bin)",
                        "jvm-exit java.lang.System.exit fx/Evil.java:3 (in src/main/resources/lib.jar!/fx/Evil.class)",
                        "resource-class-files class file src/main/resources/data.bin",
                        "resource-jars jar file src/main/resources/lib.jar",
                        "resource-services service registration org.junit.platform.engine.TestEngine"
                                + " src/main/resources/lib.jar!/META-INF/services/org.junit.platform.engine.TestEngine"),
                result.findings().stream()
                        .map(f -> f.rule() + " " + f.api() + " " + f.location()
                                + (f.origin() == null ? "" : " (in " + f.origin() + ")"))
                        .toList());

        CodePolicy.Result allowed = CodePolicy.check(
                null,
                resources,
                Set.of("resource-jars", "resource-class-files", "resource-services", "java.lang.System.exit"));
        assertEquals(List.of(), allowed.findings(), "an exercise may allow each of them");
    }

    @Test
    void anExerciseMayAllowOneApi() throws IOException {
        Path classes = Compiled.compile(tmp.resolve("classes"), Map.of("fx/Dump.java", """
        package fx;
        public class Dump {
          static Object all() { return Thread.getAllStackTraces(); }
          static void bye() { System.exit(1); }
        }
        """));
        List<Finding> left = CodePolicy.check(classes, null, Set.of("java.lang.Thread.getAllStackTraces"))
                .findings();
        assertEquals(
                List.of("uses java.lang.System.exit at fx/Dump.java:4 [jvm-exit]"),
                left.stream().map(Finding::toString).toList());
    }
}
