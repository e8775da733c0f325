package ai.aleff.ingress.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.DeterministicIds;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.EventPublisher;

/**
 * The audit records of delivery. Ids derive from the reply, part and action, so a redelivered reply that repeats a
 * step records it once.
 */
@ApplicationScoped
public class DeliveryAudit {

    public static final String SENT = "delivery.sent";
    public static final String FAILED = "delivery.failed";
    public static final String UNCONFIRMED = "delivery.unconfirmed";
    public static final String WINDOW_CLOSED = "delivery.window-closed";
    public static final String STATUS = "delivery.status";

    private final EventPublisher publisher;
    private final AuditTrail audit;

    public DeliveryAudit(EventPublisher publisher, AuditTrail audit) {
        this.publisher = publisher;
        this.audit = audit;
    }

    /** Records {@code action} for a reply (subject = the reply id); {@code part} -1 for the reply as a whole. */
    public Uni<Void> record(String tenantId, String conversationId, String replyId, int part, String action,
            String detail) {
        String id = DeterministicIds.of("delivery", tenantId, replyId, Integer.toString(part), action);
        return publisher.publish(audit.record(id, tenantId, conversationId, action, replyId, detail));
    }

    /** Records a platform's delivery status ({@code delivered}, {@code read}) of a part, once per status. */
    public Uni<Void> status(String tenantId, String conversationId, String replyId, int part, String status,
            String detail) {
        String id = DeterministicIds.of("delivery", tenantId, replyId, Integer.toString(part), STATUS, status);
        return publisher.publish(audit.record(id, tenantId, conversationId, STATUS, replyId, detail));
    }
}
