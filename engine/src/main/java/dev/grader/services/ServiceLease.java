package dev.grader.services;

import java.util.Map;

/**
 * Services provided to one graded submission (a fresh database, say): the system properties the
 * test JVM receives, a description for the report, and what to release afterwards.
 */
public interface ServiceLease extends AutoCloseable {

    /** System properties for the test JVM, e.g. {@code grader.db.url}. */
    Map<String, String> systemProperties();

    /** Which database was used, for the report and console; null when none. */
    String databaseDescription();

    @Override
    void close();

    static ServiceLease none() {
        return new ServiceLease() {
            @Override
            public Map<String, String> systemProperties() {
                return Map.of();
            }

            @Override
            public String databaseDescription() {
                return null;
            }

            @Override
            public void close() {}
        };
    }
}
