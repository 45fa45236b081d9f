package dev.grader.cli;

import dev.grader.services.Services;
import dev.grader.support.docker.ContainerImages;
import dev.grader.support.postgres.PostgresMode;
import dev.grader.support.postgres.PostgresSettings;
import picocli.CommandLine.Option;

/** Where PostgreSQL comes from, for exercises that declare it. */
final class DatabaseOptions {

    @Option(
            names = "--db",
            paramLabel = "MODE",
            description =
                    "PostgreSQL for exercises that need it: auto (default: --db-url if given, else Testcontainers when"
                            + " Docker runs, else embedded), url, testcontainers or embedded. Also $GRADER_DB.")
    String mode;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description = "A PostgreSQL server of your own (e.g. a CI service container), as an admin JDBC URL such as"
                    + " jdbc:postgresql://localhost:5432/postgres. Also $GRADER_DB_URL. The user needs CREATEDB.")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "User for --db-url (also $GRADER_DB_USER).")
    String user;

    @Option(
            names = "--db-password",
            paramLabel = "PASSWORD",
            description = "Password for --db-url (also $GRADER_DB_PASSWORD).")
    String password;

    @Option(
            names = "--db-image",
            paramLabel = "IMAGE",
            description = "The PostgreSQL image for Testcontainers (also $GRADER_DB_IMAGE; default "
                    + ContainerImages.DEFAULT_DATABASE + "); any image keeping the official postgres image's contract.")
    String image;

    Services services() {
        PostgresSettings env;
        PostgresMode m;
        try {
            env = PostgresSettings.fromEnvironment();
            // An option wins over the environment: --db-url without --db means that server, whatever GRADER_DB says.
            m = mode != null ? PostgresMode.parse(mode) : url != null ? PostgresMode.URL : env.mode();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String u = url != null ? url : env.url();
        if (m == PostgresMode.AUTO && u != null) {
            m = PostgresMode.URL;
        }
        return new Services(new PostgresSettings(
                m,
                u,
                user != null ? user : env.user(),
                password != null ? password : env.password(),
                image != null ? image : env.image()));
    }
}
