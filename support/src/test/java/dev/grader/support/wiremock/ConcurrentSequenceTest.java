package dev.grader.support.wiremock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sequences under concurrent requests to one path: every request takes a step of its own. */
class ConcurrentSequenceTest {

    @RegisterExtension
    static final FlakyDownstream downstream = FlakyDownstream.create();

    private static final int CALLERS = 24;

    @RepeatedTest(3)
    void concurrentRequestsEachTakeAStepOfTheirOwn() throws Exception {
        int failures = CALLERS / 2;
        downstream.failThenSucceed("GET", "/crowd", failures, Reply.status(503), Reply.ok("{}"));

        Map<Integer, Integer> byStatus = statusesOfConcurrentGets("/crowd", CALLERS);

        assertEquals(
                Map.of(503, failures, 200, CALLERS - failures),
                byStatus,
                CALLERS + " requests at once: each of the " + failures + " failures answers exactly one of them");
        assertEquals(CALLERS, downstream.count("GET", "/crowd"));
    }

    @Test
    void aSequenceForAnyMethodCountsEveryMethodAndTheNewestSequenceWins() throws Exception {
        downstream.sequence("GET", "/both", Reply.status(500));
        downstream.sequence("ANY", "/both", Reply.status(503), Reply.status(502), Reply.status(204));

        HttpClient client = HttpClient.newHttpClient();
        List<Integer> statuses = new ArrayList<>();
        for (String method : List.of("GET", "POST", "GET", "DELETE")) {
            statuses.add(client.send(
                            HttpRequest.newBuilder(downstream.uri("/both?x=1"))
                                    .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode());
        }

        assertEquals(List.of(503, 502, 204, 204), statuses);
    }

    @Test
    void theJournalDoesNotShowTheStepHeader() throws Exception {
        downstream.sequence("GET", "/seen", Reply.status(503), Reply.ok("{}"));

        statusesOfConcurrentGets("/seen", 2);

        for (ReceivedRequest r : downstream.requests("GET", "/seen")) {
            assertFalse(
                    r.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase(SequenceSteps.HEADER)),
                    r.headers().toString());
        }
    }

    /** {@code n} GETs sent together, each on a client of its own: how many got each status. */
    private static Map<Integer, Integer> statusesOfConcurrentGets(String path, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                HttpClient client = HttpClient.newBuilder()
                                        .version(HttpClient.Version.HTTP_1_1)
                                        .build();
                                HttpRequest request = HttpRequest.newBuilder(downstream.uri(path))
                                        .timeout(Duration.ofSeconds(10))
                                        .build();
                                go.await();
                                return client.send(request, HttpResponse.BodyHandlers.discarding())
                                        .statusCode();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (CompletableFuture<Integer> call : calls) {
                byStatus.merge(call.get(20, TimeUnit.SECONDS), 1, Integer::sum);
            }
            return byStatus;
        } finally {
            pool.shutdownNow();
        }
    }
}
