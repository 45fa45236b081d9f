/**
 * What the exercise's hidden suites need provided (a fresh PostgreSQL database), leased per grade. Depends on
 * {@code exercise}, {@code model}, {@code workspace} (whether the grader is exiting, when a lease's database can no
 * longer be dropped) and the support jar.
 */
package dev.grader.services;
