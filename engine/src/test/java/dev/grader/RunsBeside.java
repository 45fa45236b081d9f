package dev.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that spends most of its time waiting (for time limits to run out, for containers) runs beside the
 * rest of the engine's tests instead of after them: JUnit starts it on a second thread while every other class runs
 * one after another on the first ({@code junit-platform.properties}), and one such class runs at a time.
 *
 * <p>A class may carry it only when nothing it checks can be disturbed by the tests running beside it: it checks
 * only the processes, containers and files of its own grades, and its time bounds leave room for a busy machine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RunsBeside.LOCK)
public @interface RunsBeside {

    /** Held by the class that runs beside the others, so that two of them never run at once. */
    String LOCK = "dev.grader.runs-beside";
}
