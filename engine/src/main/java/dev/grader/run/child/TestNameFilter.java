package dev.grader.run.child;

import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the test methods named {@code SimpleClassName.method} (a parameterized method with all its invocations) and
 * drops every other; containers are kept, and JUnit prunes those left without tests (their set-up never runs).
 */
final class TestNameFilter implements PostDiscoveryFilter {

    private final Set<String> names;

    TestNameFilter(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!(descriptor.getSource().orElse(null) instanceof MethodSource m)) {
            return FilterResult.included("a container");
        }
        String className = m.getClassName();
        String name = className.substring(className.lastIndexOf('.') + 1) + "." + m.getMethodName();
        return names.contains(name) ? FilterResult.included("named") : FilterResult.excluded("not named");
    }
}
