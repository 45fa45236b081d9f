package dev.grader.services;

import dev.grader.engine.InfrastructureException;
import dev.grader.engine.ServiceBroker;
import dev.grader.engine.ServiceLease;
import dev.grader.exercise.Exercise;

/**
 * The services a grader process provides. WireMock needs nothing from the grader: hidden suites
 * start it themselves on a loopback port. PostgreSQL is started once per grader process and each
 * submission gets a fresh database.
 */
public final class Services implements ServiceBroker {

  @Override
  public ServiceLease lease(Exercise exercise, String submissionLabel) {
    if (exercise.manifest().needs("postgres")) {
      throw new InfrastructureException("exercise '" + exercise.id() + "' needs PostgreSQL, which this grader build cannot provide yet");
    }
    return ServiceLease.none();
  }

  @Override
  public void close() {}
}
