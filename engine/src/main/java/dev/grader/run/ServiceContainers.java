package dev.grader.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerPort;
import dev.grader.support.docker.TestcontainersSetup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;

/**
 * The grader's own service containers (a Testcontainers database) seen from a test JVM's container: the service's
 * port is published on the host's loopback only, which a container cannot reach, so the service's container joins
 * the grade's network and is reached there, by an alias, on its own port. No host port is opened beyond loopback
 * and the test JVM's container reaches no host address.
 */
final class ServiceContainers {

    /** The containers joined to each network so far. */
    private final Map<Network, Set<String>> joined = new HashMap<>();

    /**
     * {@code host:port} at which the test JVM's container on {@code network} reaches the grader's container that
     * publishes {@code hostPort} on the host; empty when no container of the grader's publishes it. Synchronized: a
     * second grade asking meanwhile gets its answer only once the container has joined.
     */
    synchronized Optional<String> reach(int hostPort, Network network) {
        DockerClient client = DockerClientFactory.instance().client();
        List<Container> all = client.listContainersCmd()
                .withLabelFilter(List.of(TestcontainersSetup.LABEL))
                .exec();
        for (Container c : all) {
            for (ContainerPort p : c.getPorts()) {
                if (p.getPublicPort() != null && p.getPublicPort() == hostPort && p.getPrivatePort() != null) {
                    String alias = alias(c.getId());
                    if (joined.computeIfAbsent(network, n -> new HashSet<>()).add(c.getId())) {
                        join(client, c, network.getId(), alias);
                    }
                    return Optional.of(alias + ":" + p.getPrivatePort());
                }
            }
        }
        return Optional.empty();
    }

    private static void join(DockerClient client, Container c, String networkId, String alias) {
        boolean already = c.getNetworkSettings() != null
                && c.getNetworkSettings().getNetworks().values().stream()
                        .anyMatch(n -> networkId.equals(n.getNetworkID()));
        if (!already) {
            client.connectToNetworkCmd()
                    .withNetworkId(networkId)
                    .withContainerId(c.getId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(alias))
                    .exec();
        }
    }

    /** Takes the service containers joined to {@code network} off it again (else it cannot be removed). */
    synchronized void leave(Network network) {
        Set<String> containers = joined.remove(network);
        if (containers == null) {
            return; // none joined: the network may not even exist in Docker yet
        }
        DockerClient client = DockerClientFactory.instance().client();
        for (String id : containers) {
            try {
                client.disconnectFromNetworkCmd()
                        .withContainerId(id)
                        .withNetworkId(network.getId())
                        .withForce(true)
                        .exec();
            } catch (RuntimeException e) {
                // already gone with its container
            }
        }
    }

    /** The name the test JVM's container knows the service container by. */
    static String alias(String containerId) {
        return "grader-service-" + containerId.substring(0, Math.min(12, containerId.length()));
    }
}
