package com.acme.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code POST {base}/charges} at the payment provider. */
final class ProviderClient {

  /** What one charge attempt came to. */
  record Outcome(Kind kind, String chargeId, String detail) {
    enum Kind { CHARGED, FAILED, TIMED_OUT }

    static Outcome charged(String chargeId) {
      return new Outcome(Kind.CHARGED, chargeId, null);
    }

    static Outcome failed(String detail) {
      return new Outcome(Kind.FAILED, null, detail);
    }

    static Outcome timedOut() {
      return new Outcome(Kind.TIMED_OUT, null, "the payment provider did not answer in time");
    }
  }

  private final HttpClient http;
  private final URI chargesUri;
  private final Duration timeout;

  ProviderClient(URI baseUrl, Duration timeout) {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.chargesUri = URI.create(base + "/charges");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
  }

  /** Charges once under {@code providerKey}; never throws for provider trouble. */
  Outcome charge(String providerKey, PaymentRequest payment) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(chargesUri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", providerKey)
        .POST(HttpRequest.BodyPublishers.ofByteArray(payment.providerBody()))
        .build();
    CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return Outcome.timedOut();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return Outcome.timedOut();
      }
      return Outcome.failed("the payment provider could not be reached");
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    }

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      return Outcome.failed("the payment provider answered " + status);
    }
    JsonNode body = Json.readOrNull(response.body());
    JsonNode id = body == null ? null : body.get("id");
    if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
      return Outcome.failed("the payment provider's answer has no charge id");
    }
    return Outcome.charged(id.textValue());
  }
}
