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

/** Sends one charge to the provider and classifies what came back. */
final class ChargeGateway {

  enum Verdict { CHARGED, FAILED, NO_ANSWER }

  static final class Result {
    final Verdict verdict;
    final String chargeId;

    Result(Verdict verdict, String chargeId) {
      this.verdict = verdict;
      this.chargeId = chargeId;
    }
  }

  private final HttpClient client;
  private final URI endpoint;
  private final Duration limit;
  private final ObjectMapper mapper;

  ChargeGateway(URI base, Duration limit, ObjectMapper mapper) {
    String s = base.toString();
    this.endpoint = URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/charges");
    this.limit = limit;
    this.mapper = mapper;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(limit).build();
  }

  Result charge(String chargeKey, Payload payload) throws InterruptedException {
    HttpResponse<String> response;
    try {
      HttpRequest request = HttpRequest.newBuilder(endpoint)
          .timeout(limit)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", chargeKey)
          .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(payload.asMap())))
          .build();
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return new Result(Verdict.NO_ANSWER, null);
    } catch (IOException e) {
      return new Result(Verdict.FAILED, null);
    }
    int code = response.statusCode();
    if (code / 100 != 2) {
      return new Result(Verdict.FAILED, null);
    }
    try {
      JsonNode id = mapper.readTree(response.body()).path("id");
      if (!id.isTextual() || id.asText().isEmpty()) {
        return new Result(Verdict.FAILED, null);
      }
      return new Result(Verdict.CHARGED, id.asText());
    } catch (IOException | RuntimeException e) {
      return new Result(Verdict.FAILED, null);
    }
  }
}
