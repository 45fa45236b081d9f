package dev.grader.support.docker;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.ResourceReaper;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Configures Testcontainers for the grader, once per JVM, before it first talks to Docker:
 *
 * <ul>
 *   <li>start-up checks off ({@code checks.disable}): they start a helper image that a machine without registry
 *       access waits minutes for;
 *   <li>no Ryuk container: Testcontainers' JVM shutdown hook removes the containers this JVM started instead
 *       (Ctrl-C and SIGTERM run it), and every container carries the grader's labels;
 *   <li>for a Docker engine on a local Unix socket, published ports are reached at {@value #LOOPBACK}: a grader
 *       that runs inside a container itself would otherwise be sent to the Docker bridge's gateway.
 * </ul>
 *
 * <p>What the user set wins: {@code TESTCONTAINERS_CHECKS_DISABLE}, {@code TESTCONTAINERS_RYUK_DISABLED=false}
 * (keep Ryuk) and {@code TESTCONTAINERS_HOST_OVERRIDE} are left as given. Testcontainers offers no public API
 * for these settings (only environment variables and {@code ~/.testcontainers.properties}), so this class sets
 * them through its internals; {@code TestcontainersSetupTest} and the docker-tagged engine tests check that it
 * still does with the pinned Testcontainers version.
 */
public final class TestcontainersSetup {

    public static final String LOOPBACK = "127.0.0.1";
    /** Label on every container the grader starts. */
    public static final String LABEL = "dev.grader";

    private static boolean configured;
    private static boolean loopbackHost;

    private TestcontainersSetup() {}

    /** Applies the settings above; later calls do nothing. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        Map<String, String> env = System.getenv();
        try {
            if (env.get("TESTCONTAINERS_CHECKS_DISABLE") == null) {
                disableChecks();
            }
            if (env.get("TESTCONTAINERS_RYUK_DISABLED") == null) {
                disableRyuk();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot configure Testcontainers " + DockerClientFactory.TESTCONTAINERS_VERSION
                            + " for the grader: " + e,
                    e);
        }
    }

    /**
     * After {@link #configure()}: finds the Docker engine (without yet asking for the client, which would resolve
     * the host) and, for a local Unix socket with no {@code TESTCONTAINERS_HOST_OVERRIDE}, pins the host at which
     * published ports answer to {@value #LOOPBACK}. Testcontainers would otherwise, inside a container, start a
     * helper container to find the bridge's gateway. Returns that host.
     *
     * @throws IllegalStateException when no Docker engine is found
     */
    public static synchronized String host() {
        configure();
        DockerClientFactory factory = DockerClientFactory.instance();
        URI dockerHost = factory.getTransportConfig().getDockerHost(); // finds the engine, resolves no host
        String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
        if ((override == null || override.isBlank()) && "unix".equals(dockerHost.getScheme())) {
            if (!loopbackHost) {
                pinHost(factory);
                loopbackHost = true;
            }
            return LOOPBACK;
        }
        return factory.dockerHostIpAddress();
    }

    private static void disableChecks() throws ReflectiveOperationException {
        TestcontainersConfiguration current = TestcontainersConfiguration.getInstance();
        Map<String, String> environment = new HashMap<>(field(current, "environment"));
        environment.put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        Constructor<TestcontainersConfiguration> c =
                TestcontainersConfiguration.class.getDeclaredConstructor(Properties.class, Properties.class, Map.class);
        c.setAccessible(true);
        TestcontainersConfiguration replaced =
                c.newInstance(field(current, "userProperties"), field(current, "classpathProperties"), environment);
        java.lang.reflect.Method instanceField =
                TestcontainersConfiguration.class.getDeclaredMethod("getInstanceField");
        instanceField.setAccessible(true);
        @SuppressWarnings("unchecked")
        java.util.concurrent.atomic.AtomicReference<TestcontainersConfiguration> ref =
                (java.util.concurrent.atomic.AtomicReference<TestcontainersConfiguration>) instanceField.invoke(null);
        ref.set(replaced);
    }

    /** The reaper Testcontainers uses when Ryuk is disabled: removes this JVM's containers in a shutdown hook. */
    private static void disableRyuk() throws ReflectiveOperationException {
        Field instance = ResourceReaper.class.getDeclaredField("instance");
        instance.setAccessible(true);
        if (instance.get(null) == null) {
            Constructor<?> c = Class.forName("org.testcontainers.utility.JVMHookResourceReaper")
                    .getDeclaredConstructor();
            c.setAccessible(true);
            instance.set(null, c.newInstance());
        }
    }

    /** Sets the strategy's cached host so that {@code getHost()} answers {@value #LOOPBACK} without resolving it. */
    private static void pinHost(DockerClientFactory factory) {
        try {
            Field strategyField = DockerClientFactory.class.getDeclaredField("strategy");
            strategyField.setAccessible(true);
            Object strategy = strategyField.get(factory);
            Field host = org.testcontainers.dockerclient.DockerClientProviderStrategy.class.getDeclaredField(
                    "dockerHostIpAddress");
            host.setAccessible(true);
            host.set(strategy, LOOPBACK);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set Testcontainers' Docker host to " + LOOPBACK + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object target, String name) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(target);
    }
}
