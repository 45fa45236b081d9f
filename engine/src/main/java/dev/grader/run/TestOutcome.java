package dev.grader.run;

import static java.util.Objects.requireNonNull;

import dev.grader.model.TestStatus;
import java.util.List;

/** One hidden test as the test JVM reported it (or as the grader concluded when it could not). */
public record TestOutcome(
        String id,
        String className,
        String method,
        String displayName,
        List<String> tags,
        TestStatus status,
        String message,
        String exception,
        String trace,
        long durationMillis,
        String output) {

    public TestOutcome {
        requireNonNull(id, "id");
        requireNonNull(status, "status");
        tags = List.copyOf(tags);
    }

    /** The same outcome under the id {@code newId}. */
    public TestOutcome withId(String newId) {
        return new TestOutcome(
                newId, className, method, displayName, tags, status, message, exception, trace, durationMillis, output);
    }

    /** {@code RefillTest.exactRefill}, or {@code Outer.Inner.method} for nested classes. */
    public String name() {
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        return simple + "." + method;
    }
}
