package dev.grader.services;

import dev.grader.exercise.Exercise;

/** Provides the services an exercise declares ({@code postgres}, {@code wiremock}) to one submission. */
public interface ServiceBroker extends AutoCloseable {

    /** Services for one submission; throws {@link InfrastructureException} when one cannot be had. */
    ServiceLease lease(Exercise exercise, String submissionLabel);

    /** Stops whatever was started for this grader process (a database server, say). */
    @Override
    void close();
}
