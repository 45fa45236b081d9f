package com.acme.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The payment provider: {@code POST {base}/charges} with the provider's own Idempotency-Key. */
final class ProviderClient implements AutoCloseable {

  /** What one charge attempt came to. */
  sealed interface Outcome permits Charged, Unknown, TimedOut {}

  /** A 2xx with a charge id: the customer was charged. */
  record Charged(String chargeId) implements Outcome {}

  /** A non-2xx, a failed connection or an unreadable answer: the charge may or may not have happened. */
  record Unknown(String why) implements Outcome {}

  /** No answer within the provider timeout: the charge may or may not have happened. */
  record TimedOut() implements Outcome {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration BACKSTOP_GRACE = Duration.ofMillis(250);

  private final URI chargesUri;
  private final Duration timeout;
  private final ExecutorService executor;
  private final HttpClient http;

  ProviderClient(URI baseUrl, Duration timeout) {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.chargesUri = URI.create(base + "/charges");
    this.timeout = timeout;
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "payments-provider-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor);
    if (isPositive(timeout)) {
      builder.connectTimeout(timeout);
    }
    this.http = builder.build();
  }

  private static boolean isPositive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  Outcome charge(String providerKey, PaymentRequest request) throws InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(chargesUri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Idempotency-Key", providerKey)
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.providerBody()));
    if (isPositive(timeout)) {
      builder.timeout(timeout);
    }
    CompletableFuture<HttpResponse<byte[]>> call =
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      // the client's own request timeout fires first; this deadline only backs it up (e.g. a stalled body)
      response = isPositive(timeout)
          ? call.get(saturatedNanos(timeout.plus(BACKSTOP_GRACE)), TimeUnit.NANOSECONDS)
          : call.get();
    } catch (TimeoutException e) {
      call.cancel(true);
      return new TimedOut();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return new TimedOut();
      }
      return new Unknown(String.valueOf(cause));
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    }

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      return new Unknown("provider answered " + status);
    }
    try {
      JsonNode body = MAPPER.readTree(response.body());
      JsonNode id = body == null ? null : body.get("id");
      if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
        return new Unknown("provider answered " + status + " without a charge id");
      }
      return new Charged(id.textValue());
    } catch (IOException e) {
      return new Unknown("provider answered " + status + " with an unreadable body");
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
