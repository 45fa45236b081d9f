package dev.grader.support.wiremock;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A flaky downstream HTTP service for tests: a WireMock server on {@code 127.0.0.1} that answers with
 * the {@link Reply replies} a test stubs, including connection-level faults, and keeps a journal of
 * what it received.
 *
 * <h2>Lifecycle</h2>
 *
 * <p>Register it as a <em>static</em> field, so one server serves the whole test class:
 *
 * <pre>{@code
 * @RegisterExtension static final FlakyDownstream downstream = FlakyDownstream.create();
 * }</pre>
 *
 * <ul>
 *   <li>Before the class's first test the server starts on a free loopback port (HTTP/1.1 only, no
 *       HTTPS) and the system property {@value #URL_PROPERTY} (or the name given to
 *       {@link #create(String)}) is set to {@link #baseUrl()}; after the class the server stops and
 *       the property gets its previous value back.
 *   <li>Before each test every stub, every sequence's position and the request journal are cleared.
 *       A request no stub matches gets WireMock's {@code 404}.
 *   <li>Registered as an instance field instead, the server starts before and stops after each test.
 * </ul>
 *
 * <p>Test classes sharing the property must not run in parallel with each other (JUnit's default is
 * to run them one after another).
 *
 * <h2>Stubbing</h2>
 *
 * <p>{@code method} is an HTTP method ({@code GET}, {@code POST}, …, or {@code ANY}); {@code path} is
 * matched exactly against the request's path, the query string ignored. When several stubs match, the
 * one added last wins.
 *
 * <pre>{@code
 * downstream.stub("GET", "/stock/A-1", Reply.status(503));                      // every time
 * downstream.sequence("GET", "/stock/A-1",                                      // in order,
 *     Reply.status(503), Reply.connectionReset(), Reply.ok("{...}"));           // last repeats
 * downstream.failThenSucceed("POST", "/reservations", 2, Reply.status(500), Reply.json(201, "{...}"));
 * downstream.stub(post(urlPathEqualTo("/charges")).withRequestBody(containing("slow")), reply); // own matching
 * }</pre>
 *
 * <p>A reply {@link Reply#heldBy(Hold) held} by a {@link #hold(Duration) hold} waits until the test
 * releases it (or the hold's longest wait passes): a call kept in progress exactly as long as the
 * test needs it to be, instead of a fixed delay.
 *
 * <p>Each request that reaches the server moves a sequence on by one, faults included, and takes its step
 * atomically when it arrives: concurrent requests to the same path each get a step of their own (unlike
 * WireMock's scenarios, whose state two concurrent requests can both read before either moves it on).
 *
 * <h2>Journal</h2>
 *
 * <p>{@link #count(String, String)}, {@link #requests(String, String)} and
 * {@link #headerOfEach(String, String, String)} read what the server received, in arrival order. A
 * request is logged when its handler starts, before its reply (or its hold, its delay, or its fault), so
 * requests a client gave up on are counted too; right after a client timeout use
 * {@link #awaitCount(String, String, int, Duration)}, as logging can lag a little on a busy machine.
 *
 * <p>Counting requests through {@link java.net.http.HttpClient} has one trap: when a connection ends
 * before any response byte (a {@link Reply#connectionReset() reset} or an
 * {@link Reply#emptyResponse() empty response}), the JDK's client sends an idempotent request such
 * as GET once more by itself. One {@code send} of a GET can then be two requests here and use up two
 * steps of a sequence; POST is never repeated that way.
 */
public final class FlakyDownstream
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The system property that holds {@link #baseUrl()} while the server runs. */
    public static final String URL_PROPERTY = "downstream.url";

    private final String urlProperty;
    private final DownstreamStubs stubs = new DownstreamStubs(this::running);
    private final DownstreamJournal journal = new DownstreamJournal(this::running);
    private WireMockServer server;
    private int classDepth;
    private String previousPropertyValue;

    private FlakyDownstream(String urlProperty) {
        this.urlProperty = requireNonNull(urlProperty, "urlProperty");
    }

    /** A downstream that publishes its URL as the system property {@value #URL_PROPERTY}. */
    public static FlakyDownstream create() {
        return new FlakyDownstream(URL_PROPERTY);
    }

    /** A downstream that publishes its URL as the given system property. */
    public static FlakyDownstream create(String urlProperty) {
        if (urlProperty.isBlank()) {
            throw new IllegalArgumentException("the URL property needs a name");
        }
        return new FlakyDownstream(urlProperty);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            start();
        }
        stubs.releaseHolds();
        stubs.clearSequences();
        server.resetAll();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stubs.releaseHolds();
        if (classDepth == 0) {
            stop();
        }
    }

    private void start() {
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .http2PlainDisabled(true)
                .containerThreads(40)
                .jettyStopTimeout(500L)
                .notifier(new ConsoleNotifier(false))
                .extensions(stubs.heldReplies(), stubs.sequenceSteps());
        WireMockServer started = new WireMockServer(options);
        started.start();
        server = started;
        DownstreamWarmUp.run(this);
        previousPropertyValue = System.getProperty(urlProperty);
        System.setProperty(urlProperty, baseUrl());
    }

    private void stop() {
        if (server == null) {
            return;
        }
        stubs.releaseHolds();
        try {
            server.stop();
        } finally {
            server = null;
            if (previousPropertyValue == null) {
                System.clearProperty(urlProperty);
            } else {
                System.setProperty(urlProperty, previousPropertyValue);
            }
        }
    }

    // ---------------------------------------------------------------- where

    /** The server's URL without a trailing slash, e.g. {@code http://127.0.0.1:43121}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The URL of a path on the server; {@code uri("/stock/A-1")}. */
    public URI uri(String path) {
        return URI.create(baseUrl() + (path.startsWith("/") ? path : "/" + path));
    }

    /** The port the server listens on. */
    public int port() {
        return running().port();
    }

    /** The system property that holds {@link #baseUrl()}. */
    public String urlProperty() {
        return urlProperty;
    }

    /** The WireMock server itself, for what this class does not offer. */
    public WireMockServer server() {
        return running();
    }

    // ---------------------------------------------------------------- stubbing

    /** Answers every matching request with {@code reply}. */
    public FlakyDownstream stub(String method, String path, Reply reply) {
        stubs.stub(method, path, reply);
        return this;
    }

    /**
     * Answers every request that a WireMock mapping of the test's own matches (on the body, a header,
     * a query parameter, …) with {@code reply}; the mapping's own response, if it has one, is replaced.
     */
    public FlakyDownstream stub(MappingBuilder mapping, Reply reply) {
        stubs.stub(mapping, reply);
        return this;
    }

    /**
     * A new hold for {@link Reply#heldBy(Hold) held replies} of this downstream: a reply held by it is
     * sent when the test releases it, or {@code atMost} after its request arrived. Every hold is
     * released before each test and when the server stops.
     */
    public Hold hold(Duration atMost) {
        return stubs.hold(atMost);
    }

    /**
     * Answers matching requests with {@code replies} in order, one per request; once they are used up
     * the last one answers every further request.
     */
    public FlakyDownstream sequence(String method, String path, Reply... replies) {
        return sequence(method, path, List.of(replies));
    }

    /** {@link #sequence(String, String, Reply...)} with a list. */
    public FlakyDownstream sequence(String method, String path, List<Reply> replies) {
        stubs.sequence(method, path, replies);
        return this;
    }

    /** {@code failures} times {@code failure}, then {@code success} for every further request. */
    public FlakyDownstream failThenSucceed(String method, String path, int failures, Reply failure, Reply success) {
        return sequence(method, path, DownstreamStubs.failThenSucceed(failures, failure, success));
    }

    // ---------------------------------------------------------------- journal

    /** How many requests with this method ({@code ANY} for all) and path the server received. */
    public int count(String method, String path) {
        return journal.count(method, path);
    }

    /** Every request the server received, in arrival order. */
    public List<ReceivedRequest> allRequests() {
        return journal.allRequests();
    }

    /**
     * Waits until at least {@code atLeast} requests with this method and path are in the journal, or
     * until {@code timeout} has passed, and returns their number then.
     *
     * <p>Use it to count right after a client gave up on a request (a timeout): the server logs a
     * request when its handler starts, which on a busy machine can be a few milliseconds after the
     * client sent it. If interrupted, it returns the count at once with the interrupt flag set.
     */
    public int awaitCount(String method, String path, int atLeast, Duration timeout) {
        return journal.awaitCount(method, path, atLeast, timeout);
    }

    /** The requests with this method ({@code ANY} for all) and path, in arrival order. */
    public List<ReceivedRequest> requests(String method, String path) {
        return journal.requests(method, path);
    }

    /**
     * One header of each matching request, in arrival order: its first value, or {@code null} where a
     * request did not send it (so the list has one entry per request).
     */
    public List<String> headerOfEach(String method, String path, String header) {
        return journal.headerOfEach(method, path, header);
    }

    private WireMockServer running() {
        if (server == null) {
            throw new IllegalStateException(
                    "the downstream is not running: register it with @RegisterExtension on a static field"
                            + " and use it inside a test");
        }
        return server;
    }
}
