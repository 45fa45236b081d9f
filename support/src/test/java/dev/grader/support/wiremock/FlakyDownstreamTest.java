package dev.grader.support.wiremock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlakyDownstreamTest {

    @RegisterExtension
    static final FlakyDownstream downstream = FlakyDownstream.create();

    private HttpClient client;

    @BeforeEach
    void newClient() {
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void closeClient() {
        client = null; // HttpClient has no close() before Java 21; its threads end when it is collected
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(downstream.uri(path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(downstream.uri(path))
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) throws IOException, InterruptedException {
        return get(path).statusCode();
    }

    @Test
    void listensOnLoopbackAndPublishesItsUrl() {
        assertTrue(downstream.baseUrl().startsWith("http://127.0.0.1:"), downstream.baseUrl());
        assertTrue(downstream.port() > 0, "port " + downstream.port());
        assertEquals(downstream.baseUrl(), System.getProperty(FlakyDownstream.URL_PROPERTY));
        assertEquals(URI.create(downstream.baseUrl() + "/a/b"), downstream.uri("/a/b"));
        assertEquals(URI.create(downstream.baseUrl() + "/a/b"), downstream.uri("a/b"));
    }

    @Test
    void answersAStubbedStatusBodyAndHeaders() throws Exception {
        downstream.stub("GET", "/boom", Reply.json(503, "{\"error\":\"down\"}").header("X-Trace", "t-1"));

        HttpResponse<String> response = get("/boom");

        assertEquals(503, response.statusCode());
        assertEquals("{\"error\":\"down\"}", response.body());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("t-1", response.headers().firstValue("X-Trace").orElse(null));
    }

    @Test
    void startsWithAnEmptyJournalAfterItsWarmUp() {
        assertEquals(List.of(), downstream.allRequests(), "warm-up requests should not show");
    }

    @Test
    void awaitCountReturnsOnceEnoughRequestsArrived() throws Exception {
        downstream.stub("GET", "/n", Reply.status(204));
        status("/n");
        status("/n");

        long start = System.nanoTime();
        assertEquals(2, downstream.awaitCount("GET", "/n", 2, Duration.ofSeconds(5)));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000, "it should not wait once 2 arrived");
        start = System.nanoTime();
        assertEquals(2, downstream.awaitCount("GET", "/n", 3, Duration.ofMillis(100)));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 100, "it should wait out the timeout");
    }

    @Test
    void unmatchedRequestsGet404() throws Exception {
        assertEquals(404, status("/nothing-here"));
    }

    @Test
    void retryAfterInSeconds() throws Exception {
        downstream.stub("GET", "/limited", Reply.status(429).retryAfterSeconds(7));

        HttpResponse<String> response = get("/limited");

        assertEquals(429, response.statusCode());
        assertEquals("7", response.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void retryAfterAsHttpDate() throws Exception {
        Instant when = Instant.parse("2031-03-04T05:06:07.890Z");
        downstream.stub("GET", "/limited", Reply.status(503).retryAfter(when));

        String header = get("/limited").headers().firstValue("Retry-After").orElseThrow();

        assertEquals("Tue, 04 Mar 2031 05:06:07 GMT", header);
        assertEquals(
                Instant.parse("2031-03-04T05:06:07Z"),
                ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
    }

    @Test
    void retryAfterRawTextIsSentAsIs() throws Exception {
        downstream.stub("GET", "/limited", Reply.status(429).retryAfterRaw("soon-ish"));

        assertEquals(
                "soon-ish", get("/limited").headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void delayBeyondTheClientTimeoutTimesOut() {
        downstream.stub("GET", "/slow", Reply.ok("{}").delayedBy(Duration.ofMillis(800)));
        HttpRequest request = HttpRequest.newBuilder(downstream.uri("/slow"))
                .timeout(Duration.ofMillis(150))
                .build();

        long start = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis < 700, "the client should give up after ~150ms, took " + tookMillis + "ms");
        assertEquals(
                1,
                downstream.awaitCount("GET", "/slow", 1, Duration.ofSeconds(2)),
                "a delayed request is logged when it arrives, before its delay");
    }

    @Test
    void delayWithinTheClientTimeoutSucceeds() throws Exception {
        downstream.stub("GET", "/slowish", Reply.ok("{}").delayedBy(Duration.ofMillis(200)));

        long start = System.nanoTime();
        assertEquals(200, status("/slowish"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 190, "the reply came before its delay");
    }

    @Test
    void aHeldReplyWaitsInTheJournalUntilTheTestReleasesIt() throws Exception {
        Hold hold = downstream.hold(Duration.ofSeconds(10));
        downstream.stub("POST", "/held", Reply.json(201, "{\"held\":true}").heldBy(hold));

        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(
                HttpRequest.newBuilder(downstream.uri("/held"))
                        .timeout(Duration.ofSeconds(15))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(
                1,
                downstream.awaitCount("POST", "/held", 1, Duration.ofSeconds(5)),
                "a held request is logged while it waits");
        Thread.sleep(200);
        assertFalse(pending.isDone(), "the reply came before the hold was released: " + hold);
        assertEquals(1, hold.arrivals());

        long released = System.nanoTime();
        hold.release();
        HttpResponse<String> response = pending.get(5, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - released) / 1_000_000;

        assertEquals(201, response.statusCode());
        assertEquals("{\"held\":true}", response.body());
        assertTrue(tookMillis < 2_000, "the reply came " + tookMillis + "ms after the release");
        assertTrue(hold.isReleased());
        assertEquals(0, hold.expired(), "the request was let go by the release, not by the hold's longest wait");
    }

    @Test
    void aHeldReplyThatIsNeverReleasedIsSentAfterItsLongestWait() throws Exception {
        Hold hold = downstream.hold(Duration.ofMillis(300));
        downstream.stub("GET", "/held-briefly", Reply.ok("{}").heldBy(hold));

        long start = System.nanoTime();
        assertEquals(200, status("/held-briefly"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis >= 290, "the reply came after " + tookMillis + "ms, before the hold's 300ms");
        assertFalse(hold.isReleased());
        assertEquals(1, hold.expired(), "the request was let go by the hold's longest wait");
    }

    @Test
    void aReleasedHoldNoLongerHolds() throws Exception {
        Hold hold = downstream.hold(Duration.ofSeconds(10));
        downstream.stub("GET", "/was-held", Reply.ok("{}").heldBy(hold));
        hold.release();

        long start = System.nanoTime();
        assertEquals(200, status("/was-held"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis < 2_000, "a released hold still held the reply for " + tookMillis + "ms");
        assertEquals(1, hold.arrivals());
    }

    @Test
    void aHeldStepOfASequenceDoesNotHoldTheNextStep() throws Exception {
        Hold hold = downstream.hold(Duration.ofSeconds(10));
        downstream.sequence("GET", "/held-seq", Reply.status(503).heldBy(hold), Reply.ok("{}"));

        CompletableFuture<HttpResponse<Void>> first = client.sendAsync(
                HttpRequest.newBuilder(downstream.uri("/held-seq"))
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(1, downstream.awaitCount("GET", "/held-seq", 1, Duration.ofSeconds(5)));
        assertEquals(200, status("/held-seq"), "the second request, while the first is held");
        assertFalse(first.isDone(), "the first request's reply came before its hold was released");
        hold.release();

        assertEquals(503, first.get(5, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aHoldOfAnotherDownstreamIsRefused() {
        FlakyDownstream other = FlakyDownstream.create("other.downstream.url");
        Hold foreign = other.hold(Duration.ofSeconds(1));

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> downstream.stub("GET", "/foreign", Reply.ok("{}").heldBy(foreign)));
        assertTrue(e.getMessage().contains("another downstream"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> downstream.hold(Duration.ZERO));
    }

    @Test
    void stubsWithTheTestsOwnMatching() throws Exception {
        downstream.stub("POST", "/charges", Reply.json(201, "{\"fast\":true}"));
        downstream.stub(
                WireMock.post(WireMock.urlPathEqualTo("/charges")).withRequestBody(WireMock.containing("slow")),
                Reply.json(201, "{\"slow\":true}"));

        HttpResponse<String> slow = client.send(
                HttpRequest.newBuilder(downstream.uri("/charges"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"slow-1\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> fast = post("/charges");

        assertEquals("{\"slow\":true}", slow.body());
        assertEquals("{\"fast\":true}", fast.body());
    }

    @Test
    void connectionResetIsAnIoException() {
        downstream.stub("POST", "/reset", Reply.connectionReset());

        assertThrows(IOException.class, () -> post("/reset"));
        assertEquals(1, downstream.count("POST", "/reset"));
    }

    @Test
    void emptyResponseIsAnIoException() {
        downstream.stub("POST", "/empty", Reply.emptyResponse());

        assertThrows(IOException.class, () -> post("/empty"));
        assertEquals(1, downstream.count("POST", "/empty"));
    }

    /**
     * Suites that count requests must know this: when a connection ends before any response byte
     * (reset, empty response), java.net.http.HttpClient sends an idempotent request such as GET once
     * more by itself, so one {@code send} can reach the server twice. POST is never repeated.
     */
    @ParameterizedTest
    @ValueSource(strings = {"reset", "empty"})
    void aGetWithoutAnyResponseByteMayReachTheServerTwice(String fault) {
        Reply reply = fault.equals("reset") ? Reply.connectionReset() : Reply.emptyResponse();
        downstream.stub("GET", "/silent", reply);

        assertThrows(IOException.class, () -> get("/silent"));
        int seen = downstream.count("GET", "/silent");
        assertTrue(
                seen == 1 || seen == 2,
                "one send should reach the server once, or twice with the JDK's own retry; saw " + seen);
    }

    @Test
    void malformedChunkFailsWhileReadingTheBody() {
        downstream.stub("GET", "/chunk", Reply.malformedChunk());

        assertThrows(IOException.class, () -> get("/chunk"));
        assertEquals(1, downstream.count("GET", "/chunk"), "response bytes arrived: no silent retry");
    }

    @Test
    void randomDataThenCloseIsAnIoException() {
        downstream.stub("GET", "/garbage", Reply.randomDataThenClose());

        assertThrows(IOException.class, () -> get("/garbage"));
        assertEquals(1, downstream.count("GET", "/garbage"), "response bytes arrived: no silent retry");
    }

    @Test
    void faultsCanBeDelayed() {
        downstream.stub("POST", "/late-reset", Reply.connectionReset().delayedBy(Duration.ofMillis(200)));

        long start = System.nanoTime();
        assertThrows(IOException.class, () -> post("/late-reset"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 190, "the fault came before its delay");
    }

    @Test
    void sequenceAnswersInOrderThenRepeatsTheLast() throws Exception {
        downstream.sequence("GET", "/seq", Reply.status(503), Reply.status(502), Reply.ok("{\"n\":1}"));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(status("/seq"));
        }

        assertEquals(List.of(503, 502, 200, 200, 200), statuses);
    }

    @Test
    void sequenceOfOneRepeatsIt() throws Exception {
        downstream.sequence("GET", "/one", Reply.status(418));

        assertEquals(List.of(418, 418), List.of(status("/one"), status("/one")));
    }

    @Test
    void sequenceMovesOnOverFaults() throws Exception {
        downstream.sequence(
                "POST",
                "/mixed",
                Reply.connectionReset(),
                Reply.emptyResponse(),
                Reply.randomDataThenClose(),
                Reply.malformedChunk(),
                Reply.json(201, "{}"));

        for (int i = 0; i < 4; i++) {
            assertThrows(IOException.class, () -> post("/mixed"), "request " + (i + 1) + " should fail");
        }
        assertEquals(201, post("/mixed").statusCode());
        assertEquals(5, downstream.count("POST", "/mixed"), "each fault is exactly one request");
    }

    @Test
    void failThenSucceed() throws Exception {
        downstream.failThenSucceed("GET", "/flaky", 2, Reply.status(503), Reply.ok("{}"));

        assertEquals(
                List.of(503, 503, 200, 200),
                List.of(status("/flaky"), status("/flaky"), status("/flaky"), status("/flaky")));
    }

    @Test
    void failZeroTimesSucceedsAtOnce() throws Exception {
        downstream.failThenSucceed("GET", "/fine", 0, Reply.status(503), Reply.ok("{}"));

        assertEquals(200, status("/fine"));
    }

    @Test
    void separateSequencesPerPathAndMethod() throws Exception {
        downstream.sequence("GET", "/a", Reply.status(503), Reply.ok("{}"));
        downstream.sequence("GET", "/b", Reply.status(500), Reply.ok("{}"));
        downstream.stub("POST", "/a", Reply.status(201));

        assertEquals(503, status("/a"));
        assertEquals(500, status("/b"));
        assertEquals(
                201,
                client.send(
                                HttpRequest.newBuilder(downstream.uri("/a"))
                                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode());
        assertEquals(200, status("/a"));
        assertEquals(200, status("/b"));
    }

    @Test
    void journalCountsByMethodAndPathIgnoringTheQuery() throws Exception {
        downstream.stub("ANY", "/j", Reply.status(204));

        status("/j");
        status("/j?x=1");
        client.send(
                HttpRequest.newBuilder(downstream.uri("/j"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"q\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        status("/other");

        assertEquals(2, downstream.count("GET", "/j"));
        assertEquals(1, downstream.count("POST", "/j"));
        assertEquals(3, downstream.count("ANY", "/j"));
        assertEquals(4, downstream.allRequests().size());
        ReceivedRequest post = downstream.requests("POST", "/j").get(0);
        assertEquals("{\"q\":1}", post.body());
        assertEquals("/j?x=1", downstream.requests("GET", "/j").get(1).url());
    }

    @Test
    void headerOfEachRequestInArrivalOrder() throws Exception {
        downstream.stub("GET", "/h", Reply.status(200));
        for (String key : new String[] {"k-1", null, "k-3", "k-4", "k-5", "k-6", "k-7", "k-8"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(downstream.uri("/h"));
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        }

        List<String> keys = downstream.headerOfEach("GET", "/h", "idempotency-key");

        assertEquals(8, keys.size());
        assertEquals("k-1", keys.get(0));
        assertNull(keys.get(1));
        assertEquals(List.of("k-3", "k-4", "k-5", "k-6", "k-7", "k-8"), keys.subList(2, 8));
        assertEquals(
                "k-1",
                downstream
                        .requests("GET", "/h")
                        .get(0)
                        .header("IDEMPOTENCY-KEY")
                        .orElse(null));
    }

    /** Runs in a fixed order: the second test sees what the first one left behind. */
    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class BetweenTests {

        @Test
        @Order(1)
        void leavesAStubAndARequest() throws Exception {
            downstream.sequence("GET", "/left", Reply.status(503), Reply.status(200));
            downstream.stub("GET", "/stays", Reply.status(200));
            assertEquals(503, status("/left"));
            assertEquals(1, downstream.count("GET", "/left"));
        }

        @Test
        @Order(2)
        void startsClean() throws Exception {
            assertEquals(0, downstream.allRequests().size(), "the journal should be empty");
            assertEquals(404, status("/stays"), "stubs from the last test should be gone");
            downstream.sequence("GET", "/left", Reply.status(503), Reply.status(200));
            assertEquals(503, status("/left"), "a new sequence should start at its first reply");
        }
    }

    /** The same server is used before and after a nested class. */
    @Nested
    class Nesting {
        @Test
        void nestedClassesShareTheServer() {
            assertEquals(downstream.baseUrl(), System.getProperty(FlakyDownstream.URL_PROPERTY));
        }
    }
}
