package ai.aleff.ingress.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

import ai.aleff.contracts.events.ReplyReady;

/**
 * Hands replies consumed by this instance to the SSE clients connected to this instance. In-process only: with
 * several instances a client sees the replies its own instance consumed.
 */
@ApplicationScoped
public class ReplyBroadcaster {

    private final BroadcastProcessor<ReplyReady> processor = BroadcastProcessor.create();

    /** Called from Kafka consumer threads; the processor needs its signals serialised. */
    public synchronized void publish(ReplyReady reply) {
        processor.onNext(reply);
    }

    /** Replies of one tenant's conversation from now on. */
    public Multi<ReplyReady> replies(String tenantId, String conversationId) {
        return processor.filter(r -> tenantId.equals(r.tenantId()) && conversationId.equals(r.conversationId()));
    }
}
