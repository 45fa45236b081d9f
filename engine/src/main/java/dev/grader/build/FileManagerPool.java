package dev.grader.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;

/**
 * The compiler's file managers, kept for the next compile against the same class path. A new file manager opens every
 * jar of the class path and indexes its entries; a grade's libraries are the same for every submission of an exercise,
 * so a batch or a validation would index the same jars hundreds of times. A file manager is used by one compile at a
 * time (each compile sets its own output folder on it); it holds no submission's state between compiles, only the
 * libraries' indexes (the class path is the exercise's: jars and the grader's support classes, which never change
 * while the grader runs).
 */
final class FileManagerPool {

    /** Class paths whose file managers are kept; the least recently used one's are closed beyond this. */
    static final int CLASS_PATHS = 8;
    /** File managers kept per class path: as many compiles as run at once in a busy batch. */
    static final int PER_CLASS_PATH = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private static final Map<List<Path>, Deque<StandardJavaFileManager>> IDLE = new LinkedHashMap<>(16, 0.75f, true);

    private FileManagerPool() {}

    /** A file manager of {@code compiler} for {@code classpath}: a kept one, or a new one. */
    static StandardJavaFileManager borrow(JavaCompiler compiler, List<Path> classpath) {
        synchronized (IDLE) {
            Deque<StandardJavaFileManager> idle = IDLE.get(classpath);
            if (idle != null && !idle.isEmpty()) {
                return idle.pop();
            }
        }
        return compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    /** Keeps {@code files}, borrowed for {@code classpath} and done with, for the next compile (or closes it). */
    static void giveBack(List<Path> classpath, StandardJavaFileManager files) {
        List<StandardJavaFileManager> closing = new ArrayList<>();
        synchronized (IDLE) {
            Deque<StandardJavaFileManager> idle = IDLE.computeIfAbsent(List.copyOf(classpath), k -> new ArrayDeque<>());
            if (idle.size() < PER_CLASS_PATH) {
                idle.push(files);
            } else {
                closing.add(files);
            }
            Iterator<Map.Entry<List<Path>, Deque<StandardJavaFileManager>>> oldest =
                    IDLE.entrySet().iterator();
            while (IDLE.size() > CLASS_PATHS && oldest.hasNext()) {
                closing.addAll(oldest.next().getValue());
                oldest.remove();
            }
        }
        closing.forEach(FileManagerPool::close);
    }

    /** Closes {@code files} (a compile that failed in the compiler itself does not give its file manager back). */
    static void close(StandardJavaFileManager files) {
        try {
            files.close();
        } catch (IOException e) {
            // its archives' handles go with it; nothing else to do
        }
    }
}
