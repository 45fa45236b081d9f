package com.acme.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** {@code POST {provider}/charges}, with the provider's own Idempotency-Key. */
final class ProviderClient {

  static class ProviderFailure extends Exception {
    ProviderFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static final class ProviderTimeout extends ProviderFailure {
    ProviderTimeout(Throwable cause) {
      super("the provider did not answer in time", cause);
    }
  }

  private final URI charges;
  private final Duration timeout;
  private final HttpClient client;

  ProviderClient(URI baseUrl, Duration timeout) {
    String base = baseUrl.toString();
    this.charges = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/charges");
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
  }

  /** Charges once; returns the provider's charge id. */
  String charge(String downstreamKey, PaymentService.PaymentRequest request) throws ProviderFailure {
    ObjectNode body = PaymentService.JSON.createObjectNode();
    body.put("amount", request.amount());
    body.put("currency", request.currency());
    body.put("reference", request.reference());
    HttpRequest http = HttpRequest.newBuilder(charges)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", downstreamKey)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(http, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ProviderTimeout(e);
    } catch (IOException e) {
      throw new ProviderFailure("the provider could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderFailure("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new ProviderFailure("the provider answered " + response.statusCode(), null);
    }
    try {
      JsonNode id = PaymentService.JSON.readTree(response.body()).get("id");
      if (id == null || !id.isTextual()) {
        throw new ProviderFailure("the provider's answer has no charge id", null);
      }
      return id.asText();
    } catch (IOException e) {
      throw new ProviderFailure("the provider's answer is not JSON", e);
    }
  }
}
