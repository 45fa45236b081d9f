package com.acme.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grader.support.postgres.TestDatabase;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Reply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A starting point: the graders' hidden tests check much more (README.md, "How it is judged"). */
class PaymentServiceTest {

  @RegisterExtension static final FlakyDownstream provider = FlakyDownstream.create("payments.provider.url");

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private PaymentService service;

  @BeforeEach
  void start() throws Exception {
    provider.stub("POST", "/charges", Reply.json(201, "{\"id\":\"ch_1\",\"status\":\"succeeded\"}"));
    service = PaymentService.start(TestDatabase.dataSource(), URI.create(provider.baseUrl()), Clock.systemUTC(),
        Duration.ofSeconds(2), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private HttpResponse<String> pay(String client, String key, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.baseUri().resolve("/payments"))
        .header("Content-Type", "application/json")
        .header("X-Client-Id", client)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRetryWithTheSameKeyReplaysTheFirstResponseAndChargesOnce() throws Exception {
    String client = "client-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    String body = "{\"amount\":1250,\"currency\":\"EUR\",\"reference\":\"order-17\"}";

    HttpResponse<String> first = pay(client, key, body);
    HttpResponse<String> second = pay(client, key, body);

    assertEquals(201, first.statusCode(), "first request: " + first.body());
    assertEquals(201, second.statusCode(), "the retry replays the first status");
    assertEquals(first.body(), second.body(), "the retry replays the first body byte for byte");
    assertEquals(1, provider.count("POST", "/charges"), "the provider is charged once");
  }

  @Test
  void aRequestWithoutIdempotencyKeyIs400() throws Exception {
    HttpResponse<String> response = pay("client-" + UUID.randomUUID(), null,
        "{\"amount\":1250,\"currency\":\"EUR\",\"reference\":\"order-18\"}");
    assertEquals(400, response.statusCode(), response.body());
    assertEquals(0, provider.count("POST", "/charges"), "nothing is charged");
  }

  @Test
  void theSameKeyWithAnotherPayloadIs422() throws Exception {
    String client = "client-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    assertEquals(201, pay(client, key, "{\"amount\":1250,\"currency\":\"EUR\",\"reference\":\"order-19\"}").statusCode());
    HttpResponse<String> other = pay(client, key, "{\"amount\":9999,\"currency\":\"EUR\",\"reference\":\"order-19\"}");
    assertEquals(422, other.statusCode(), other.body());
  }
}
