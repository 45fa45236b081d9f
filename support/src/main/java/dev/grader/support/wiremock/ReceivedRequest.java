package dev.grader.support.wiremock;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as {@link FlakyDownstream} received it.
 *
 * @param method the HTTP method, upper case
 * @param url the path and query, e.g. {@code /stock/A-1?x=1}
 * @param headers every header by lower-case name, values in the order sent
 * @param body the body decoded as UTF-8, empty when there was none
 * @param receivedAt when the server logged the request (millisecond precision)
 */
public record ReceivedRequest(
        String method, String url, Map<String, List<String>> headers, String body, Instant receivedAt) {

    public ReceivedRequest {
        requireNonNull(method, "method");
        requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body");
        requireNonNull(receivedAt, "receivedAt");
    }

    /** The first value of a header (name compared without regard to case), if it was sent. */
    public Optional<String> header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static ReceivedRequest of(LoggedRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (request.getHeaders() != null) {
            for (HttpHeader header : request.getHeaders().all()) {
                if (header.key().equalsIgnoreCase(SequenceSteps.HEADER)) {
                    continue; // the downstream's own, not the client's
                }
                headers.computeIfAbsent(header.key().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .addAll(header.values());
            }
        }
        byte[] body = request.getBody();
        return new ReceivedRequest(
                request.getMethod().getName(),
                request.getUrl(),
                headers,
                body == null ? "" : new String(body, StandardCharsets.UTF_8),
                request.getLoggedDate().toInstant());
    }
}
