package com.acme.inventory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One attempt: sends the request, bounds it by the request timeout and classifies what happened. */
final class Transport {

  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  Transport(HttpClient http, Duration timeout, Clock clock) {
    this.http = http;
    this.timeout = timeout;
    this.clock = clock;
  }

  <T> Outcome exchange(HttpRequest request, Bodies.Reader<T> reader) throws InventoryException {
    CompletableFuture<HttpResponse<String>> pending =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ie) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new InventoryException(
          InventoryException.Kind.INTERRUPTED,
          InventoryException.NO_STATUS,
          "interrupted while waiting for the inventory service",
          ie);
    } catch (TimeoutException te) {
      pending.cancel(true);
      return timedOut(te);
    } catch (ExecutionException ee) {
      return broken(ee.getCause());
    }
    return answered(response, reader);
  }

  private <T> Outcome answered(HttpResponse<String> response, Bodies.Reader<T> reader) {
    int code = response.statusCode();
    if (code / 100 == 2) {
      var root = Bodies.object(response.body());
      T value = root == null ? null : reader.read(root);
      if (value == null) {
        return Outcome.failed(
            new InventoryException(
                InventoryException.Kind.MALFORMED_RESPONSE,
                code,
                "status " + code + " with a body that is not the documented JSON"),
            Outcome.Category.FATAL);
      }
      return Outcome.success(value);
    }
    InventoryException e =
        new InventoryException(InventoryException.Kind.STATUS, code, "status " + code);
    if (code == 429 || code == 503) {
      String header = response.headers().firstValue("Retry-After").orElse(null);
      return Outcome.failed(e, Outcome.Category.NOT_ACTED_ON, RetryAfter.parse(header, clock));
    }
    if (code == 500 || code == 502 || code == 504) {
      return Outcome.failed(e, Outcome.Category.MAYBE_ACTED_ON);
    }
    return Outcome.failed(e, Outcome.Category.FATAL);
  }

  private static Outcome timedOut(Exception cause) {
    return Outcome.failed(
        new InventoryException(
            InventoryException.Kind.TIMEOUT, InventoryException.NO_STATUS, "request timed out", cause),
        Outcome.Category.MAYBE_ACTED_ON);
  }

  private static Outcome broken(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException || neverConnected(cause)) {
      return Outcome.failed(
          new InventoryException(
              InventoryException.Kind.CONNECTION,
              InventoryException.NO_STATUS,
              "could not connect",
              cause),
          Outcome.Category.NOT_ACTED_ON);
    }
    if (cause instanceof HttpTimeoutException) {
      return timedOut((Exception) cause);
    }
    if (cause instanceof IOException) {
      return Outcome.failed(
          new InventoryException(
              InventoryException.Kind.CONNECTION,
              InventoryException.NO_STATUS,
              "exchange failed: " + cause,
              cause),
          Outcome.Category.MAYBE_ACTED_ON);
    }
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    throw new IllegalStateException(cause);
  }

  private static boolean neverConnected(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }
}
