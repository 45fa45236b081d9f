package dev.grader.model;

import java.util.List;
import java.util.Map;

/**
 * The grader's settings from its environment, read once where the process starts (the command line) and passed down
 * to the stages that need them, so that no stage reads the environment itself and a test can pass its own.
 *
 * @param noColor {@code NO_COLOR} is set (to anything but empty): no colour on the console (https://no-color.org)
 * @param stepSummary {@code GITHUB_STEP_SUMMARY}: the file GitHub Actions shows as the run's summary, or null
 * @param mavenCommand {@code MAVEN_CMD}: the Maven command that resolves an exercise's classpath ({@code mvn} unset)
 * @param testJvmOptions {@code GRADER_TEST_JVM_OPTS}: extra options for every test JVM, split at white space
 * @param classArchive false when {@code GRADER_TEST_JVM_CDS=off}: no class data sharing archive for test JVMs
 * @param confinement false when {@code GRADER_CONFINE=off}: local test JVMs are not confined
 */
public record GraderSettings(
        boolean noColor,
        String stepSummary,
        String mavenCommand,
        List<String> testJvmOptions,
        boolean classArchive,
        boolean confinement) {

    public static final String NO_COLOR = "NO_COLOR";
    public static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";
    public static final String MAVEN_CMD = "MAVEN_CMD";
    public static final String TEST_JVM_OPTS = "GRADER_TEST_JVM_OPTS";
    public static final String TEST_JVM_CDS = "GRADER_TEST_JVM_CDS";
    public static final String CONFINE = "GRADER_CONFINE";

    public GraderSettings {
        testJvmOptions = List.copyOf(testJvmOptions);
    }

    /** The settings an environment (the process's: {@code System.getenv()}) gives. */
    public static GraderSettings from(Map<String, String> env) {
        String noColor = env.get(NO_COLOR);
        String summary = env.get(STEP_SUMMARY);
        String maven = env.get(MAVEN_CMD);
        String extra = env.get(TEST_JVM_OPTS);
        return new GraderSettings(
                noColor != null && !noColor.isEmpty(),
                summary == null || summary.isBlank() ? null : summary,
                maven == null || maven.isBlank() ? "mvn" : maven,
                extra == null || extra.isBlank()
                        ? List.of()
                        : List.of(extra.trim().split("\\s+")),
                !"off".equalsIgnoreCase(env.get(TEST_JVM_CDS)),
                !"off".equalsIgnoreCase(env.get(CONFINE)));
    }

    /** The settings of an empty environment. */
    public static GraderSettings defaults() {
        return from(Map.of());
    }
}
