package dev.grader.support.docker;

import java.util.Map;
import org.testcontainers.utility.DockerImageName;

/**
 * The container images the grader starts: PostgreSQL for {@code --db testcontainers} and the JRE for
 * {@code --sandbox docker}. Each is, in order: the command-line option, the environment variable, the pinned
 * official image. Any image may stand in (for example one built locally by {@code scripts/docker-host.sh}); it
 * is used as a compatible substitute for the official one and must keep its contract.
 */
public final class ContainerImages {

    /** Environment variable naming the PostgreSQL image. */
    public static final String ENV_DATABASE = "GRADER_DB_IMAGE";
    /** Environment variable naming the test JVM's image. */
    public static final String ENV_SANDBOX = "GRADER_SANDBOX_IMAGE";
    /** The pinned official PostgreSQL image; keep it in step with the embedded binaries' version. */
    public static final String DEFAULT_DATABASE = "postgres:16.4-alpine";
    /** The pinned official JRE image. */
    public static final String DEFAULT_SANDBOX = "eclipse-temurin:17.0.15_6-jre";

    private ContainerImages() {}

    /** The PostgreSQL image: {@code option} if given, else {@value #ENV_DATABASE}, else {@value #DEFAULT_DATABASE}. */
    public static String database(String option) {
        return choose(option, System.getenv(), ENV_DATABASE, DEFAULT_DATABASE);
    }

    /** The test JVM's image: {@code option} if given, else {@value #ENV_SANDBOX}, else {@value #DEFAULT_SANDBOX}. */
    public static String sandbox(String option) {
        return choose(option, System.getenv(), ENV_SANDBOX, DEFAULT_SANDBOX);
    }

    static String choose(String option, Map<String, String> env, String variable, String fallback) {
        if (option != null && !option.isBlank()) {
            return option.trim();
        }
        String fromEnv = env.get(variable);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : fallback;
    }

    /** {@code image} as Testcontainers should see it: a stand-in for the official image {@code official}. */
    public static DockerImageName substitute(String image, String official) {
        DockerImageName name = DockerImageName.parse(image);
        return name.isCompatibleWith(DockerImageName.parse(official)) ? name : name.asCompatibleSubstituteFor(official);
    }
}
