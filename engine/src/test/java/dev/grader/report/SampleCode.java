package dev.grader.report;

import dev.grader.model.CodeEvidence;
import dev.grader.model.CodeEvidence.Change;
import dev.grader.model.CodeEvidence.Hunk;
import dev.grader.model.CodeEvidence.Line;
import dev.grader.model.CodeEvidence.LineKind;
import dev.grader.model.CodeEvidence.Method;
import java.util.ArrayList;
import java.util.List;

/** Code evidence built by hand for the renderers' tests: a changed and an added file, and a hostile one. */
public final class SampleCode {

    public static final String LIMITER = "src/main/java/com/acme/ratelimit/RateLimiter.java";
    public static final String BUCKET = "src/main/java/com/acme/ratelimit/TokenBucket.java";

    private SampleCode() {}

    /** RateLimiter.java changed around line 42 (where {@link SampleReports#realistic()} flags a System.exit). */
    public static CodeEvidence realistic() {
        List<Line> limiter = new ArrayList<>();
        context(limiter, 33, 30, "  /** Admits a request of {@code client} when its bucket holds a token. */");
        context(limiter, 34, 31, "  public boolean tryAcquire(String client) {");
        limiter.add(new Line(LineKind.REMOVED, 35, null, "    throw new UnsupportedOperationException(\"TODO\");"));
        added(
                limiter,
                32,
                "    TokenBucket bucket = buckets.computeIfAbsent(client, c -> new TokenBucket(capacity, clock));",
                "    if (bucket.tokens() < 0) {",
                "      System.err.println(\"bucket of \" + client + \" is broken\"); // should never happen",
                "    }",
                "    return bucket.take(1);");
        context(limiter, 36, 37, "  }");
        context(limiter, 37, 38, "");
        context(limiter, 38, 39, "  void shutdown() {");
        limiter.add(new Line(LineKind.REMOVED, 39, null, "    // nothing to do"));
        added(
                limiter,
                40,
                "    buckets.clear();",
                "    /* the JVM exits with the grader's runner */",
                "    System.exit(0);");
        context(limiter, 40, 43, "  }");
        List<Line> bucket = new ArrayList<>();
        added(
                bucket,
                1,
                "package com.acme.ratelimit;",
                "",
                "/** Tokens of one client, refilled at 1_000 per second. */",
                "final class TokenBucket {",
                "",
                "  private static final long NANOS = 1_000_000_000L;",
                "  private final int capacity;",
                "  private double tokens;",
                "",
                "  @SuppressWarnings(\"unused\")",
                "  TokenBucket(int capacity, Clock clock) {",
                "    this.capacity = capacity;",
                "    this.tokens = 0x10 + 2.5e3;",
                "  }",
                "",
                "  synchronized boolean take(int n) {",
                "    if (tokens < n) {",
                "      return false;",
                "    }",
                "    tokens -= n;",
                "    return true;",
                "  }",
                "}");
        List<Line> pom = new ArrayList<>();
        context(pom, 30, 30, "    <dependency>");
        added(
                pom,
                31,
                "      <groupId>com.google.guava</groupId>",
                "      <artifactId>guava</artifactId>",
                "      <version>33.0.0-jre</version>",
                "    </dependency>",
                "    <dependency>");
        return new CodeEvidence(
                List.of(
                        new CodeEvidence.File(LIMITER, Change.CHANGED, 8, 2, List.of(new Hunk(limiter)), false),
                        new CodeEvidence.File(BUCKET, Change.ADDED, 23, 0, List.of(new Hunk(bucket)), false),
                        new CodeEvidence.File("pom.xml", Change.CHANGED, 5, 0, List.of(new Hunk(pom)), false)),
                List.of(
                        new Method(BUCKET, "TokenBucket.take(int)", 16, 7, Change.ADDED),
                        new Method(LIMITER, "RateLimiter.tryAcquire(String)", 31, 7, Change.CHANGED),
                        new Method(BUCKET, "TokenBucket.TokenBucket(int, Clock)", 10, 5, Change.ADDED),
                        new Method(LIMITER, "RateLimiter.shutdown()", 39, 5, Change.CHANGED)),
                List.of());
    }

    /** A file named {@code text} whose lines and method are {@code text} (lines 3 and 4 carry a flag and a finding). */
    public static CodeEvidence everywhere(String text) {
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            lines.add(new Line(LineKind.ADDED, null, i, text));
        }
        lines.add(new Line(LineKind.REMOVED, 1, null, text));
        return new CodeEvidence(
                List.of(new CodeEvidence.File(text, Change.CHANGED, 4, 1, List.of(new Hunk(lines)), true)),
                List.of(new Method(text, text, 1, 4, Change.ADDED)),
                List.of(text));
    }

    private static void context(List<Line> lines, int oldLine, int newLine, String text) {
        lines.add(new Line(LineKind.CONTEXT, oldLine, newLine, text));
    }

    private static void added(List<Line> lines, int from, String... texts) {
        for (int i = 0; i < texts.length; i++) {
            lines.add(new Line(LineKind.ADDED, null, from + i, texts[i]));
        }
    }
}
