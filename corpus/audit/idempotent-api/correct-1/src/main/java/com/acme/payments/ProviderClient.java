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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The external payment provider: {@code POST {base}/charges}. */
final class ProviderClient {

  /** How one charge attempt ended. */
  sealed interface Outcome permits Charged, Failed, TimedOut {}

  record Charged(String chargeId) implements Outcome {}

  record Failed(String reason) implements Outcome {}

  record TimedOut() implements Outcome {}

  private final HttpClient http;
  private final URI chargesUri;
  private final Duration timeout;
  private final ObjectMapper json;

  ProviderClient(URI baseUrl, Duration timeout, ObjectMapper json) {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.chargesUri = URI.create(base + "/charges");
    this.timeout = timeout;
    this.json = json;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
  }

  Outcome charge(String providerKey, PaymentRequest request) throws InterruptedException {
    HttpRequest httpRequest;
    try {
      httpRequest = HttpRequest.newBuilder(chargesUri)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", providerKey)
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request.toJson(json))))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new TimedOut();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return new TimedOut();
      }
      return new Failed("the provider could not be reached: " + cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      return new Failed("the provider answered " + response.statusCode());
    }
    try {
      JsonNode body = json.readTree(response.body());
      JsonNode id = body == null ? null : body.get("id");
      if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
        return new Failed("the provider's answer has no charge id");
      }
      return new Charged(id.textValue());
    } catch (IOException e) {
      return new Failed("the provider's answer is not JSON");
    }
  }
}
