package ai.aleff.ingress.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

import ai.aleff.contracts.events.ReplyReady;

/**
 * Tells this instance's reply streams ({@link ReplyLogStreams}) that a reply was stored, so they read the log at once.
 * A wake-up only, never the data path: streams read every reply from the log, and their poll finds the replies other
 * instances stored.
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
