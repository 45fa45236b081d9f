package dev.grader.support.wiremock;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers the requests of each sequence as they arrive, before WireMock matches them: each gets a step of its own,
 * taken atomically, in the header {@value #HEADER}, and each reply of the sequence is a stub on one step. Unlike
 * WireMock's scenarios, whose state is read when a request is matched and moved on after it is served, concurrent
 * requests never see the same step nor a step between two states.
 */
final class SequenceSteps implements StubRequestFilterV2 {

    /** The header that carries a request's step, {@code <sequence>/<step>}; the journal leaves it out. */
    static final String HEADER = "X-Flaky-Downstream-Step";

    private final Map<String, Sequence> byRoute = new ConcurrentHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicLong added = new AtomicLong();

    /** Starts a sequence of {@code replies} replies for the method ({@code ANY} for all) and path; its name. */
    String start(String method, String path, int replies) {
        Sequence s = new Sequence("sequence-" + names.incrementAndGet(), replies, added.incrementAndGet());
        byRoute.put(route(method, path), s);
        return s.name;
    }

    /** The header value a request on {@code step} of sequence {@code name} carries. */
    static String step(String name, int step) {
        return name + "/" + step;
    }

    /** Forgets every sequence (a new test). */
    void clear() {
        byRoute.clear();
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String path = pathOf(request.getUrl());
        Sequence exact = byRoute.get(route(request.getMethod().getName(), path));
        Sequence any = byRoute.get(route("ANY", path));
        Sequence s = exact == null ? any : any == null || exact.added > any.added ? exact : any;
        if (s == null) {
            return RequestFilterAction.continueWith(request);
        }
        int step = Math.min(s.next.getAndIncrement(), s.replies - 1);
        return RequestFilterAction.continueWith(
                RequestWrapper.create().addHeader(HEADER, step(s.name, step)).wrap(request));
    }

    @Override
    public String getName() {
        return "flaky-downstream-sequence-steps";
    }

    private static String route(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    private static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static final class Sequence {
        final String name;
        final int replies;
        final long added;
        final AtomicInteger next = new AtomicInteger();

        Sequence(String name, int replies, long added) {
            this.name = name;
            this.replies = replies;
            this.added = added;
        }
    }
}
