package dev.grader.support.postgres;

import java.util.Map;

/**
 * How to get a PostgreSQL server: the mode and, for {@link PostgresMode#URL}, the server's JDBC URL and
 * credentials. The URL names any database on the server that the user may connect to (for example
 * {@code jdbc:postgresql://localhost:5432/postgres}); fresh databases are created next to it, so the
 * user needs the CREATEDB privilege.
 *
 * @param mode where the server comes from; {@code null} means {@link PostgresMode#AUTO}
 * @param url JDBC URL of an external server, or {@code null}
 * @param user user for {@code url}, or {@code null} (the driver then uses the URL's {@code user} parameter)
 * @param password password for {@code url}, or {@code null}
 * @param image the container image for {@link PostgresMode#TESTCONTAINERS}; {@code null} means
 *     {@link dev.grader.support.docker.ContainerImages#database(String)} with no option
 */
public record PostgresSettings(PostgresMode mode, String url, String user, String password, String image) {

    /** Environment variable with the mode: {@code auto} (default), {@code url}, {@code testcontainers}, {@code embedded}. */
    public static final String ENV_MODE = "GRADER_DB";
    /** Environment variable with the JDBC URL of an external server. */
    public static final String ENV_URL = "GRADER_DB_URL";
    /** Environment variable with the user for {@link #ENV_URL}. */
    public static final String ENV_USER = "GRADER_DB_USER";
    /** Environment variable with the password for {@link #ENV_URL}. */
    public static final String ENV_PASSWORD = "GRADER_DB_PASSWORD";

    public PostgresSettings {
        mode = mode == null ? PostgresMode.AUTO : mode;
        url = blankToNull(url);
        user = blankToNull(user);
        password = password == null || password.isEmpty() ? null : password;
        image = dev.grader.support.docker.ContainerImages.database(image);
    }

    /** Settings with the default container image. */
    public PostgresSettings(PostgresMode mode, String url, String user, String password) {
        this(mode, url, user, password, null);
    }

    /** These settings with {@code image} (null: the default) as the container image. */
    public PostgresSettings withImage(String image) {
        return new PostgresSettings(mode, url, user, password, image);
    }

    /** Settings with the given mode and no URL. */
    public static PostgresSettings of(PostgresMode mode) {
        return new PostgresSettings(mode, null, null, null);
    }

    /** Settings for an external server. */
    public static PostgresSettings url(String url, String user, String password) {
        return new PostgresSettings(PostgresMode.URL, url, user, password);
    }

    /** Reads {@value #ENV_MODE}, {@value #ENV_URL}, {@value #ENV_USER} and {@value #ENV_PASSWORD} from the process environment. */
    public static PostgresSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the settings from the given environment. A URL with mode {@code auto} (or no mode) means
     * {@link PostgresMode#URL}.
     *
     * @throws IllegalArgumentException if {@value #ENV_MODE} holds an unknown mode
     */
    public static PostgresSettings fromEnvironment(Map<String, String> environment) {
        PostgresMode mode = PostgresMode.parse(environment.get(ENV_MODE));
        String url = blankToNull(environment.get(ENV_URL));
        if (mode == PostgresMode.AUTO && url != null) {
            mode = PostgresMode.URL;
        }
        return new PostgresSettings(
                mode,
                url,
                environment.get(ENV_USER),
                environment.get(ENV_PASSWORD),
                environment.get(dev.grader.support.docker.ContainerImages.ENV_DATABASE));
    }

    /** The mode after applying "a URL with mode auto means url". */
    public PostgresMode effectiveMode() {
        return mode == PostgresMode.AUTO && url != null ? PostgresMode.URL : mode;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresSettings[mode=" + mode.id()
                + (url == null ? "" : ", url=" + JdbcUrls.redact(url))
                + (user == null ? "" : ", user=" + user)
                + (password == null ? "" : ", password=***")
                + ", image=" + image
                + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
