package ai.aleff.tools.testing;

import java.time.Instant;
import java.util.UUID;

import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;

/** Builds tool requests as agent-worker sends them, and finds their answers. */
public final class ToolRequests {

    private ToolRequests() {
    }

    public static ToolCallRequested request(String tool, String arguments) {
        return request("t-" + UUID.randomUUID(), "user-1", tool, arguments);
    }

    public static ToolCallRequested request(String tenant, String user, String tool, String arguments) {
        return request(tenant, "conv-" + UUID.randomUUID(), user, tool, arguments);
    }

    /** A new call (new call id and idempotency key) in the given conversation, of a turn allowed memory. */
    public static ToolCallRequested request(String tenant, String conversation, String user, String tool,
            String arguments) {
        return request(tenant, conversation, user, tool, arguments, true);
    }

    /** A new call whose turn the worker did or did not allow memory tools. */
    public static ToolCallRequested request(String tenant, String conversation, String user, String tool,
            String arguments, boolean memoryAllowed) {
        String turn = "turn-" + UUID.randomUUID();
        return new ToolCallRequested("call-" + UUID.randomUUID(), tenant, conversation, turn, user, turn + ":0:0",
                tool, arguments, Instant.now(), memoryAllowed);
    }

    public static CloudEvent<ToolCallRequested> event(ToolCallRequested request) {
        return CloudEvent.of("agent-worker", request.callId(), request.tenantId(), request.conversationId(),
                request.requestedAt(), request);
    }

    public static CloudEvent<ToolCallCompleted> awaitResult(EventProbe results, ToolCallRequested request) {
        return results.awaitOne(ToolCallCompleted.class, c -> c.callId().equals(request.callId()));
    }
}
