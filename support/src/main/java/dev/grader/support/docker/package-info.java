/**
 * Docker for the test support and the grader: whether an engine answers ({@link dev.grader.support.docker.DockerProbe}),
 * Testcontainers' configuration for machines without a registry, the images used and the names and labels of the
 * containers started. The PostgreSQL helpers use it for their Testcontainers server; the grader's
 * {@code --sandbox docker} uses it for the test JVM's container. Depends on Testcontainers and the JDK only.
 */
package dev.grader.support.docker;
