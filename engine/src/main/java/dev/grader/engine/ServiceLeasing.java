package dev.grader.engine;

import dev.grader.exercise.Exercise;
import dev.grader.model.InfrastructureException;
import dev.grader.services.ServiceBroker;
import dev.grader.services.ServiceLease;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The services of one grade, leased in the background while the test JVM starts and the code compiles (the grader
 * process's first lease also starts the database server). Closing releases the lease now, or when it comes: a
 * submission that did not compile does not wait for a database server.
 */
final class ServiceLeasing implements AutoCloseable {

    private final CompletableFuture<ServiceLease> leasing;

    private ServiceLeasing(CompletableFuture<ServiceLease> leasing) {
        this.leasing = leasing;
    }

    static ServiceLeasing start(ServiceBroker broker, Exercise exercise, String submissionLabel, Executor executor) {
        return new ServiceLeasing(
                CompletableFuture.supplyAsync(() -> broker.lease(exercise, submissionLabel), executor));
    }

    /** The leased services, or the reason they could not be had as an {@link InfrastructureException}. */
    ServiceLease await() {
        try {
            return leasing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InfrastructureException cause) {
                throw cause;
            }
            throw new InfrastructureException(
                    "the exercise's services could not be had: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        leasing.whenComplete((lease, error) -> {
            if (lease != null) {
                lease.close();
            }
        });
    }
}
