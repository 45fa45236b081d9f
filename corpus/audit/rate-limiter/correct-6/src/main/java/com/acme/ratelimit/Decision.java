package com.acme.ratelimit;

/**
 * The outcome of one {@code tryAcquire} call. Given complete; do not change this file.
 *
 * @param allowed whether the permits were granted (and consumed)
 * @param remaining whole tokens left in the key's bucket after this decision
 * @param retryAfterNanos {@code 0} when allowed; otherwise the smallest number of nanoseconds after
 *     which the same request would succeed if nobody else consumed tokens in the meantime, or
 *     {@link Long#MAX_VALUE} when it can never succeed (more permits than the capacity)
 * @param resetAfterNanos nanoseconds until the bucket is full again if nobody consumes in the
 *     meantime; {@code 0} when it is full now
 */
public record Decision(boolean allowed, long remaining, long retryAfterNanos, long resetAfterNanos) {}
