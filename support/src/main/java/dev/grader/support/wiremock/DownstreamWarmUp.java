package dev.grader.support.wiremock;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Sends a few requests through a freshly started downstream once, so the first request of the first test is not
 * slowed by class loading (on a busy machine that alone can exceed a short client timeout).
 */
final class DownstreamWarmUp {

    private DownstreamWarmUp() {}

    /** Warms {@code downstream} up and clears what the warm-up stubbed and logged. */
    static void run(FlakyDownstream downstream) {
        String path = "/__flaky-downstream/warm-up";
        downstream.stub("ANY", path, Reply.ok("{\"warm\":true}"));
        downstream.stub("POST", path + "/reset", Reply.connectionReset());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        try {
            for (HttpRequest request : List.of(
                    HttpRequest.newBuilder(downstream.uri(path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpRequest.newBuilder(downstream.uri(path))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"warm\":true}"))
                            .build())) {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            "the downstream answered its warm-up request with " + response.statusCode());
                }
            }
            try {
                client.send(
                        HttpRequest.newBuilder(downstream.uri(path + "/reset"))
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException expected) {
                // the reset arrived, as stubbed
            }
        } catch (IOException e) {
            throw new IllegalStateException("the downstream at " + downstream.baseUrl() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the downstream", e);
        } finally {
            downstream.server().resetAll();
        }
    }
}
