package dev.grader.run.child;

/**
 * Asks the JaCoCo agent the JVM was started with to write its coverage data now. The agent writes on exit from a
 * shutdown hook, which never runs here: the runner halts the JVM. The agent is reached by name, through its public
 * runtime API ({@code org.jacoco.agent.rt.RT}), so that this runner still uses only the JDK and the JUnit Platform.
 * Code under test could call the same API (and so falsify its own coverage): coverage is evidence for people, not a
 * score.
 */
final class CoverageDump {

    private CoverageDump() {}

    /** Writes the agent's data; a failure is printed to stderr (the grader then reports coverage as not measured). */
    static void write() {
        try {
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            Object agent = Class.forName("org.jacoco.agent.rt.RT", true, loader)
                    .getMethod("getAgent")
                    .invoke(null);
            Class.forName("org.jacoco.agent.rt.IAgent", true, loader)
                    .getMethod("dump", boolean.class)
                    .invoke(agent, false);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println("grader runner: cannot write the coverage data: " + e);
        }
    }
}
