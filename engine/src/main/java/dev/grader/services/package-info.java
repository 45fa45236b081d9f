/**
 * What the exercise's hidden suites need provided (a fresh PostgreSQL database), leased per grade. Depends on
 * {@code exercise}, {@code model} and the support jar.
 */
package dev.grader.services;
