/**
 * Stage 2, compile, its reuse: the hidden suites compiled once per exercise version and submission API, and copied
 * into the next grade whose submission exposes the same API (class files with their method bodies left out). Depends
 * on {@code build}, {@code exercise} and {@code workspace}.
 */
package dev.grader.suitecache;
