package com.acme.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code POST {base}/charges} at the payment provider. */
final class ProviderClient {

  /** How one charge attempt ended. */
  enum Outcome { CHARGED, FAILED, TIMED_OUT }

  record Result(Outcome outcome, String chargeId, String detail) {}

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
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  Result charge(String providerKey, String payloadJson) {
    HttpRequest request = HttpRequest.newBuilder(chargesUri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", providerKey)
        .POST(HttpRequest.BodyPublishers.ofString(payloadJson, StandardCharsets.UTF_8))
        .build();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      // the whole answer, body included, within the timeout
      response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Result(Outcome.TIMED_OUT, null, "the payment provider did not answer in time");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new Result(Outcome.FAILED, null, "interrupted while calling the payment provider");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException) {
        return new Result(Outcome.TIMED_OUT, null, "the payment provider did not answer in time");
      }
      return new Result(Outcome.FAILED, null, "the payment provider could not be reached");
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      return new Result(Outcome.FAILED, null, "the payment provider answered " + status);
    }
    String chargeId = null;
    try {
      JsonNode body = PaymentRequest.JSON.readTree(response.body());
      JsonNode id = body == null ? null : body.get("id");
      if (id != null && id.isTextual() && !id.textValue().isEmpty()) {
        chargeId = id.textValue();
      }
    } catch (IOException e) {
      chargeId = null;
    }
    if (chargeId == null) {
      // charged, but we cannot tell by which charge: not final, a retry (same provider key) will tell
      return new Result(Outcome.FAILED, null, "the payment provider's answer had no charge id");
    }
    return new Result(Outcome.CHARGED, chargeId, null);
  }
}
