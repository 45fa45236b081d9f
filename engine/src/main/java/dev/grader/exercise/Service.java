package dev.grader.exercise;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A service an exercise's hidden suites need beside the code under test (the manifest's {@code services}). */
public enum Service {
    /** A fresh PostgreSQL database per grade, owned by a role of its own. */
    POSTGRES,
    /** WireMock, started by the hidden suites themselves through the test-support helpers. */
    WIREMOCK;

    /** The name the manifest uses. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The service the manifest calls {@code id}. */
    public static Optional<Service> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every service's manifest name. */
    public static Set<String> ids() {
        return Arrays.stream(values()).map(Service::id).collect(Collectors.toUnmodifiableSet());
    }
}
