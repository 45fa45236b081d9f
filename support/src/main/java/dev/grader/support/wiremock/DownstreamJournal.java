package dev.grader.support.wiremock;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** What a {@link FlakyDownstream} received, read from WireMock's request journal in arrival order. */
final class DownstreamJournal {

    private final Supplier<WireMockServer> server;

    /** A journal of the server {@code server} gives (it throws when the downstream is not running). */
    DownstreamJournal(Supplier<WireMockServer> server) {
        this.server = server;
    }

    /** How many requests with this method ({@code ANY} for all) and path the server received. */
    public int count(String method, String path) {
        return requests(method, path).size();
    }

    /** Every request the server received, in arrival order. */
    public List<ReceivedRequest> allRequests() {
        List<ServeEvent> events = new ArrayList<>(server.get().getAllServeEvents());
        Collections.reverse(events); // WireMock lists the newest first
        List<ReceivedRequest> received = new ArrayList<>(events.size());
        for (ServeEvent event : events) {
            received.add(ReceivedRequest.of(event.getRequest()));
        }
        return received;
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
        long end = System.nanoTime() + timeout.toNanos();
        int seen = count(method, path);
        while (seen < atLeast && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return count(method, path);
            }
            seen = count(method, path);
        }
        return seen;
    }

    /** The requests with this method ({@code ANY} for all) and path, in arrival order. */
    public List<ReceivedRequest> requests(String method, String path) {
        String wanted = method.toUpperCase(Locale.ROOT);
        List<ReceivedRequest> matching = new ArrayList<>();
        for (ReceivedRequest r : allRequests()) {
            boolean methodMatches = wanted.equals("ANY") || wanted.equals(r.method());
            if (methodMatches && pathOf(r.url()).equals(path)) {
                matching.add(r);
            }
        }
        return matching;
    }

    /**
     * One header of each matching request, in arrival order: its first value, or {@code null} where a
     * request did not send it (so the list has one entry per request).
     */
    public List<String> headerOfEach(String method, String path, String header) {
        List<String> values = new ArrayList<>();
        for (ReceivedRequest r : requests(method, path)) {
            values.add(r.header(header).orElse(null));
        }
        return values;
    }

    private static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
