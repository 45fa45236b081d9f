package dev.grader.support.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;

/**
 * Keeps a held reply's request thread waiting once the request is in the journal and its reply is
 * ready, before the reply is sent (WireMock's {@code BEFORE_RESPONSE_SENT} phase, on that stub only).
 */
final class HeldReplies implements ServeEventListener {
    static final String NAME = "flaky-downstream-hold";
    static final String HOLD_ID = "hold";

    private final Map<String, Hold> holds;

    HeldReplies(Map<String, Hold> holds) {
        this.holds = holds;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
        Hold hold = holds.get(parameters.getString(HOLD_ID));
        if (hold != null) { // released and forgotten holds hold nothing
            hold.await();
        }
    }
}
