package dev.grader.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerPort;
import dev.grader.support.docker.TestcontainersSetup;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;

/**
 * The grader's own service containers (a Testcontainers database) seen from a test JVM's container: the service's
 * port is published on the host's loopback only, which a container cannot reach, so the service's container joins
 * the test JVM's network and is reached there, by an alias, on its own port. No host port is opened beyond
 * loopback and the test JVM's container reaches no host address.
 */
final class ServiceContainers {

    /** Containers joined to a network so far: {@code containerId networkId}. */
    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    /**
     * {@code host:port} at which the test JVM's container on {@code network} reaches the grader's container that
     * publishes {@code hostPort} on the host; empty when no container of the grader's publishes it. Synchronized: a
     * second grade asking meanwhile gets its answer only once the container has joined.
     */
    synchronized Optional<String> reach(int hostPort, Network network) {
        DockerClient client = DockerClientFactory.instance().client();
        List<com.github.dockerjava.api.model.Container> all = client.listContainersCmd()
                .withLabelFilter(List.of(TestcontainersSetup.LABEL))
                .exec();
        for (com.github.dockerjava.api.model.Container c : all) {
            for (ContainerPort p : c.getPorts()) {
                if (p.getPublicPort() != null && p.getPublicPort() == hostPort && p.getPrivatePort() != null) {
                    String alias = alias(c.getId());
                    join(client, c, network.getId(), alias);
                    return Optional.of(alias + ":" + p.getPrivatePort());
                }
            }
        }
        return Optional.empty();
    }

    private void join(
            DockerClient client, com.github.dockerjava.api.model.Container c, String networkId, String alias) {
        if (!joined.add(c.getId() + " " + networkId)) {
            return;
        }
        Optional<ContainerNetwork> already = c.getNetworkSettings() == null
                ? Optional.empty()
                : c.getNetworkSettings().getNetworks().values().stream()
                        .filter(n -> networkId.equals(n.getNetworkID()))
                        .findFirst();
        if (already.isEmpty()) {
            client.connectToNetworkCmd()
                    .withNetworkId(networkId)
                    .withContainerId(c.getId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(alias))
                    .exec();
        }
    }

    /** Takes the service containers joined to networks off them again (else a network cannot be removed). */
    synchronized void leaveAll() {
        DockerClient client = DockerClientFactory.instance().client();
        for (String pair : List.copyOf(joined)) {
            String[] ids = pair.split(" ");
            try {
                client.disconnectFromNetworkCmd()
                        .withContainerId(ids[0])
                        .withNetworkId(ids[1])
                        .withForce(true)
                        .exec();
            } catch (RuntimeException e) {
                // already gone with its container
            }
            joined.remove(pair);
        }
    }

    /** The name the test JVM's container knows the service container by. */
    static String alias(String containerId) {
        return "grader-service-" + containerId.substring(0, Math.min(12, containerId.length()));
    }
}
