package dev.grader.support.wiremock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registered on an instance field, the server lives for one test and uses its own property. */
class PerTestDownstreamTest {

    private static final String PROPERTY = "per-test.url";
    private static final List<Integer> ports = new ArrayList<>();

    @RegisterExtension
    final FlakyDownstream downstream = FlakyDownstream.create(PROPERTY);

    @BeforeAll
    static void noPropertyBefore() {
        assertNull(System.getProperty(PROPERTY));
    }

    @Test
    void first() {
        ports.add(downstream.port());
        assertEquals(downstream.baseUrl(), System.getProperty(PROPERTY));
    }

    @Test
    void second() {
        ports.add(downstream.port());
        assertEquals(downstream.baseUrl(), System.getProperty(PROPERTY));
    }

    @AfterAll
    static void propertyClearedAndServerStopped() {
        assertNull(System.getProperty(PROPERTY), "the property should be restored after the test");
        assertEquals(2, ports.size());
    }

    @Test
    void blankPropertyNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FlakyDownstream.create(" "));
    }
}
