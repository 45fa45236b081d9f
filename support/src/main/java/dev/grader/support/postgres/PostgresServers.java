package dev.grader.support.postgres;

import dev.grader.support.docker.DockerProbe;
import dev.grader.support.postgres.PostgresUnavailableException.Attempt;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts (or connects to) a PostgreSQL server. The order for {@link PostgresMode#AUTO}: a URL the user gives;
 * else Testcontainers' PostgreSQL module when Docker is available; else embedded PostgreSQL (zonky). A forced
 * mode ({@code url}, {@code testcontainers}, {@code embedded}) tries only that.
 */
public final class PostgresServers {

    /** The default container image (see {@link dev.grader.support.docker.ContainerImages}). */
    public static final String TESTCONTAINERS_IMAGE = dev.grader.support.docker.ContainerImages.DEFAULT_DATABASE;

    private PostgresServers() {}

    /** {@link #start(PostgresSettings, DockerProbe)} with {@link DockerProbe#testcontainers()}. */
    public static PostgresServer start(PostgresSettings settings) throws PostgresUnavailableException {
        return start(settings, DockerProbe.testcontainers());
    }

    /**
     * Gives a server following {@link #plan(PostgresSettings, boolean)}. Docker is only probed when the plan may
     * need it.
     *
     * @throws PostgresUnavailableException saying, for every option considered, why it gave no server
     */
    public static PostgresServer start(PostgresSettings settings, DockerProbe docker)
            throws PostgresUnavailableException {
        PostgresMode mode = settings.effectiveMode();
        boolean dockerAvailable = false;
        if (mode == PostgresMode.AUTO || mode == PostgresMode.TESTCONTAINERS) {
            dockerAvailable = docker.available();
        }
        List<Attempt> attempts = new ArrayList<>();
        Throwable firstCause = null;
        if (mode == PostgresMode.AUTO && !dockerAvailable) {
            attempts.add(new Attempt(PostgresMode.TESTCONTAINERS, "skipped, " + docker.reason()));
        }
        for (PostgresMode option : plan(settings, dockerAvailable)) {
            try {
                switch (option) {
                    case URL -> {
                        if (settings.url() == null) {
                            attempts.add(new Attempt(
                                    option,
                                    PostgresSettings.ENV_MODE + "=url but " + PostgresSettings.ENV_URL
                                            + " is not set"));
                            continue;
                        }
                        return UrlPostgresServer.connect(settings.url(), settings.user(), settings.password());
                    }
                    case TESTCONTAINERS -> {
                        if (!dockerAvailable) {
                            attempts.add(new Attempt(option, docker.reason()));
                            continue;
                        }
                        return TestcontainersPostgresServer.start(settings.image());
                    }
                    case EMBEDDED -> {
                        return EmbeddedPostgresServer.start();
                    }
                    default -> throw new IllegalStateException("not a server kind: " + option);
                }
            } catch (Exception | LinkageError e) {
                if (firstCause == null) {
                    firstCause = e;
                }
                attempts.add(new Attempt(option, failure(option, settings, e)));
            }
        }
        throw new PostgresUnavailableException(settings, attempts, firstCause);
    }

    /**
     * The options {@link #start} tries, in order: {@code url} gives [URL]; {@code testcontainers} gives
     * [TESTCONTAINERS]; {@code embedded} gives [EMBEDDED]; {@code auto} with a URL gives [URL], without one
     * [TESTCONTAINERS, EMBEDDED] when Docker is available, else [EMBEDDED].
     */
    public static List<PostgresMode> plan(PostgresSettings settings, boolean dockerAvailable) {
        return switch (settings.effectiveMode()) {
            case URL -> List.of(PostgresMode.URL);
            case TESTCONTAINERS -> List.of(PostgresMode.TESTCONTAINERS);
            case EMBEDDED -> List.of(PostgresMode.EMBEDDED);
            case AUTO ->
                dockerAvailable
                        ? List.of(PostgresMode.TESTCONTAINERS, PostgresMode.EMBEDDED)
                        : List.of(PostgresMode.EMBEDDED);
        };
    }

    private static String failure(PostgresMode option, PostgresSettings settings, Throwable e) {
        return switch (option) {
            case URL ->
                JdbcUrls.redact(settings.url()) + " refused: "
                        + (e instanceof SQLException ? e.getMessage() : Failures.describe(e));
            case TESTCONTAINERS -> "container " + settings.image() + " did not start: " + Failures.describe(e);
            case EMBEDDED ->
                "start failed: " + (e instanceof java.io.IOException ? e.getMessage() : Failures.describe(e));
            case AUTO -> Failures.describe(e);
        };
    }
}
