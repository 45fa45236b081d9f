package dev.grader.support.wiremock;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link FlakyDownstream} sends back for one request: a status with headers and a body, or a
 * connection-level fault, optionally after a fixed delay.
 *
 * <p>Replies are immutable; every {@code with…}/{@code retryAfter…} method returns a new one, so a
 * reply can be kept in a constant and varied per test:
 *
 * <pre>{@code
 * Reply.status(503).retryAfterSeconds(2)
 * Reply.status(429).retryAfter(clock.instant().plusSeconds(5))   // HTTP-date form
 * Reply.json(200, "{\"sku\":\"A-1\",\"available\":3}").delayedBy(Duration.ofSeconds(2))
 * Reply.connectionReset()
 * Reply.json(201, "{\"id\":\"ch_1\"}").heldBy(hold)                         // until the test releases it
 * }</pre>
 *
 * <p>What a client sees for each fault (checked by this package's tests with
 * {@link java.net.http.HttpClient} over HTTP/1.1):
 *
 * <ul>
 *   <li>{@link #connectionReset()}: the connection is reset before any response byte, an
 *       {@link java.io.IOException};
 *   <li>{@link #emptyResponse()}: the connection is closed without a response, an
 *       {@link java.io.IOException};
 *   <li>{@link #malformedChunk()}: a {@code 200} status line and headers, then a broken chunked body
 *       and a closed connection, an {@link java.io.IOException} while reading the body;
 *   <li>{@link #randomDataThenClose()}: bytes that are not HTTP, then a closed connection, an
 *       {@link java.io.IOException};
 *   <li>{@link #delayedBy(Duration)} longer than the client's request timeout: an
 *       {@link java.net.http.HttpTimeoutException}.
 * </ul>
 */
public final class Reply {

    /**
     * The IMF-fixdate form of an HTTP-date (RFC 9110, section 5.6.7), e.g. {@code Sun, 06 Nov 1994
     * 08:49:37 GMT}.
     */
    public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final Fault fault;
    private final Duration delay;
    private final Hold hold;

    private Reply(int status, Map<String, String> headers, String body, Fault fault, Duration delay, Hold hold) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.fault = fault;
        this.delay = delay;
        this.hold = hold;
    }

    /** A response with this status and no body. */
    public static Reply status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("an HTTP status is 100..599, was " + status);
        }
        return new Reply(status, Map.of(), null, null, Duration.ZERO, null);
    }

    /** A response with this status, {@code Content-Type: application/json} and this body. */
    public static Reply json(int status, String body) {
        return status(status).header("Content-Type", "application/json").body(body);
    }

    /** {@code 200} with a JSON body. */
    public static Reply ok(String jsonBody) {
        return json(200, jsonBody);
    }

    /** The connection is reset (TCP RST) before any response byte is sent. */
    public static Reply connectionReset() {
        return fault(Fault.CONNECTION_RESET_BY_PEER);
    }

    /** The connection is closed without sending any response byte. */
    public static Reply emptyResponse() {
        return fault(Fault.EMPTY_RESPONSE);
    }

    /** A {@code 200} status line and headers, then a malformed chunked body, then the connection closes. */
    public static Reply malformedChunk() {
        return fault(Fault.MALFORMED_RESPONSE_CHUNK);
    }

    /** Random bytes that are not an HTTP response, then the connection closes. */
    public static Reply randomDataThenClose() {
        return fault(Fault.RANDOM_DATA_THEN_CLOSE);
    }

    private static Reply fault(Fault fault) {
        return new Reply(0, Map.of(), null, fault, Duration.ZERO, null);
    }

    /** This reply with a body (ignored by faults). */
    public Reply body(String body) {
        return new Reply(status, headers, requireNonNull(body, "body"), fault, delay, hold);
    }

    /** This reply with one more header (a header of the same name is replaced). */
    public Reply header(String name, String value) {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, copy, body, fault, delay, hold);
    }

    /** This reply with {@code Retry-After: <seconds>} (the delta-seconds form). */
    public Reply retryAfterSeconds(long seconds) {
        return header("Retry-After", Long.toString(seconds));
    }

    /** This reply with {@code Retry-After: <HTTP-date>}, the instant truncated to whole seconds. */
    public Reply retryAfter(Instant when) {
        return header("Retry-After", httpDate(when));
    }

    /** This reply with {@code Retry-After} set to any text, e.g. garbage a client must survive. */
    public Reply retryAfterRaw(String value) {
        return header("Retry-After", value);
    }

    /**
     * This reply sent after a fixed delay. The delay holds one server thread; keep it a little longer
     * than the client's timeout rather than very long, so the server stops promptly after the class.
     */
    public Reply delayedBy(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative, was " + delay);
        }
        return new Reply(status, headers, body, fault, delay, hold);
    }

    /**
     * This reply held until the test releases {@code hold}, or until the hold's longest wait has
     * passed (see {@link Hold}); a {@link #delayedBy(Duration) delay} comes on top, after the hold.
     * Make holds with {@link FlakyDownstream#hold(Duration)} of the downstream that sends the reply.
     */
    public Reply heldBy(Hold hold) {
        return new Reply(status, headers, body, fault, delay, requireNonNull(hold, "hold"));
    }

    /** The hold this reply waits for, or {@code null}. */
    Hold hold() {
        return hold;
    }

    /** An instant in the IMF-fixdate form of an HTTP-date, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String httpDate(Instant when) {
        return HTTP_DATE.format(when);
    }

    /** True for the connection-level faults, false for a reply with a status. */
    public boolean isFault() {
        return fault != null;
    }

    ResponseDefinitionBuilder toWireMock() {
        ResponseDefinitionBuilder builder = WireMock.aResponse();
        if (fault != null) {
            builder.withFault(fault);
        } else {
            builder.withStatus(status);
            headers.forEach(builder::withHeader);
            if (body != null) {
                builder.withBody(body);
            }
        }
        if (!delay.isZero()) {
            builder.withFixedDelay(Math.toIntExact(delay.toMillis()));
        }
        return builder;
    }

    @Override
    public String toString() {
        String what = fault != null ? fault.name() : status + (headers.isEmpty() ? "" : " " + headers);
        if (hold != null) {
            what += " held by " + hold;
        }
        return delay.isZero() ? what : what + " after " + delay.toMillis() + "ms";
    }
}
