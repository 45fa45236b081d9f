package dev.grader.support.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link FlakyDownstream}'s stubs: replies for a method and path (or a mapping of the test's own), sequences (one
 * stub per step, the steps numbered by {@link SequenceSteps}), and the holds that keep held replies waiting.
 */
final class DownstreamStubs {

    private final Supplier<WireMockServer> server;
    private final SequenceSteps steps = new SequenceSteps();
    private final AtomicInteger holdIds = new AtomicInteger();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /** Stubs on the server {@code server} gives (it throws when the downstream is not running). */
    DownstreamStubs(Supplier<WireMockServer> server) {
        this.server = server;
    }

    /** Answers every request {@code method} and {@code path} match with {@code reply}. */
    void stub(String method, String path, Reply reply) {
        server.get().stubFor(answer(match(method, path), reply));
    }

    /** Answers every request {@code mapping} matches with {@code reply}. */
    void stub(MappingBuilder mapping, Reply reply) {
        server.get().stubFor(answer(requireNonNull(mapping, "mapping"), reply));
    }

    /** A new hold, released by {@link #releaseHolds()} at the latest. */
    Hold hold(Duration atMost) {
        Hold hold = new Hold("hold-" + holdIds.incrementAndGet(), atMost);
        holds.put(hold.id(), hold);
        return hold;
    }

    /** The WireMock extension that keeps held replies waiting. */
    HeldReplies heldReplies() {
        return new HeldReplies(holds);
    }

    private MappingBuilder answer(MappingBuilder mapping, Reply reply) {
        requireNonNull(reply, "reply");
        mapping.willReturn(reply.toWireMock());
        Hold hold = reply.hold();
        if (hold == null) {
            return mapping;
        }
        if (holds.get(hold.id()) != hold) {
            throw new IllegalArgumentException(
                    hold + " belongs to another downstream or an earlier test: make it with this downstream's hold()");
        }
        // Every phase, though only one acts: WireMock logs an error for a phase a per-stub listener skips.
        return mapping.withServeEventListener(HeldReplies.NAME, Parameters.one(HeldReplies.HOLD_ID, hold.id()));
    }

    /** The WireMock extension that numbers the requests of each sequence. */
    SequenceSteps sequenceSteps() {
        return steps;
    }

    /** Forgets every sequence's position (a new test; the server's stubs are reset apart). */
    void clearSequences() {
        steps.clear();
    }

    void releaseHolds() {
        holds.values().forEach(Hold::release);
        holds.clear();
    }

    /** Answers matching requests with {@code replies} in order; the last one answers every further request. */
    void sequence(String method, String path, List<Reply> replies) {
        if (replies.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one reply");
        }
        WireMockServer target = server.get();
        String name = steps.start(method, path, replies.size());
        for (int i = 0; i < replies.size(); i++) {
            var builder = match(method, path).withHeader(SequenceSteps.HEADER, equalTo(SequenceSteps.step(name, i)));
            target.stubFor(answer(builder, replies.get(i)));
        }
    }

    private static MappingBuilder match(String method, String path) {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        return request(method.toUpperCase(Locale.ROOT), urlPathEqualTo(path));
    }

    /** The replies of {@link FlakyDownstream#failThenSucceed}: {@code failures} times {@code failure}, then success. */
    static List<Reply> failThenSucceed(int failures, Reply failure, Reply success) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures cannot be negative, was " + failures);
        }
        List<Reply> replies = new ArrayList<>(Collections.nCopies(failures, failure));
        replies.add(success);
        return replies;
    }
}
