package dev.grader.interleave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.support.interleave.Interleavings;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rewrite puts a point exactly before each monitorenter, java.util call, field and array write outside
 * constructors; the rewritten classes load, verify and behave as before; with the points on, a lost update that two
 * threads almost never show unaided shows.
 */
class InterleavingPointsTest {

    private static final String SOURCE = """
            package demo;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            public class Counter {
                private final Map<String, Long> map = new ConcurrentHashMap<>(); // in the constructor: no point
                private final long[] slots = new long[1];
                private long value;
                public Counter() { value = 0; }                                  // in the constructor: no point
                public long read() { return value; }                             // no point
                public void racyIncrement() { long v = value; value = v + 1; }   // 1 (putfield)
                public synchronized void safeIncrement() { value++; }            // 1 (putfield; a synchronized
                                                                                 //  method has no monitorenter)
                public void lockedIncrement() { synchronized (this) { value++; } } // 2 (monitorenter, putfield)
                public long viaMap(String k) { map.put(k, 1L); return map.get(k); } // 2 (two java.util calls)
                public void slot(long v) { slots[0] = v; }                       // 1 (lastore)
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aPointGoesBeforeEachMonitorenterJavaUtilCallAndWriteOutsideConstructors() throws Exception {
        Path classes = compile();
        byte[] before = Files.readAllBytes(classes.resolve("demo/Counter.class"));

        InterleavingPoints.Outcome outcome = InterleavingPoints.rewrite(classes);

        assertEquals(new InterleavingPoints.Outcome(1, 7), outcome);
        assertTrue(Files.readAllBytes(classes.resolve("demo/Counter.class")).length > before.length);
    }

    @Test
    void aClassWithoutPointsIsLeftByteForByte() {
        InterleavingPoints.Rewritten r = InterleavingPoints.rewrite(classBytes(Plain.class));
        assertEquals(0, r.points());
        assertArrayEquals(classBytes(Plain.class), r.bytes());
    }

    @Test
    void aClassFileASMCannotRewriteIsLeftAsItWas() {
        byte[] broken = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0};
        InterleavingPoints.Rewritten r = InterleavingPoints.rewrite(broken);
        assertEquals(0, r.points());
        assertArrayEquals(broken, r.bytes());
    }

    @Test
    void theRewrittenClassVerifiesAndBehavesAsBefore() throws Exception {
        Path classes = compile();
        InterleavingPoints.rewrite(classes);
        try (URLClassLoader loader = load(classes)) {
            Object counter = loader.loadClass("demo.Counter").getConstructor().newInstance();
            long reached = Interleavings.reached();
            for (int i = 0; i < 3; i++) {
                counter.getClass().getMethod("racyIncrement").invoke(counter);
                counter.getClass().getMethod("lockedIncrement").invoke(counter);
            }
            assertEquals(6L, counter.getClass().getMethod("read").invoke(counter));
            assertEquals(
                    1L, counter.getClass().getMethod("viaMap", String.class).invoke(counter, "k"));
            assertEquals(reached, Interleavings.reached(), "points that are off count nothing");
            try (Interleavings.Scope on = Interleavings.on(1_000, 1_000, 1)) {
                counter.getClass().getMethod("lockedIncrement").invoke(counter);
            }
            assertEquals(reached + 2, Interleavings.reached(), "the two points of lockedIncrement, turned on");
        }
    }

    @Test
    void withThePointsOnALostUpdateShows() throws Exception {
        Path classes = compile();
        InterleavingPoints.rewrite(classes);
        int perThread = 2_000;
        try (URLClassLoader loader = load(classes);
                Interleavings.Scope on = Interleavings.on(2, 50, 100_000)) {
            Object counter = loader.loadClass("demo.Counter").getConstructor().newInstance();
            var increment = counter.getClass().getMethod("racyIncrement");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Void> task = () -> {
                    for (int i = 0; i < perThread; i++) {
                        increment.invoke(counter);
                    }
                    return null;
                };
                Future<Void> a = pool.submit(task);
                Future<Void> b = pool.submit(task);
                a.get();
                b.get();
            } finally {
                pool.shutdownNow();
            }
            long value = (long) counter.getClass().getMethod("read").invoke(counter);
            assertTrue(
                    value < 2L * perThread,
                    "two threads each incremented " + perThread + " times without a lock,"
                            + " the points on, and no update was lost: " + value);
        }
    }

    private Path compile() throws Exception {
        Path src = dir.resolve("src/demo/Counter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = dir.resolve("classes");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(null, log, log, "-d", classes.toString(), "--release", "17", src.toString());
        assertEquals(0, rc, log.toString());
        return classes;
    }

    private static URLClassLoader load(Path classes) throws Exception {
        // The parent is the test's loader: the one Interleavings class, as in the test JVM.
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, InterleavingPointsTest.class.getClassLoader());
    }

    private static byte[] classBytes(Class<?> type) {
        String file = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (var in = type.getResourceAsStream(file)) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and computes, writes nothing: no point. */
    static final class Plain {
        static int twice(int x) {
            return 2 * x;
        }
    }
}
