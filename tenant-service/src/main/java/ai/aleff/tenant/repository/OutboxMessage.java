package ai.aleff.tenant.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One event waiting in the transactional outbox: everything needed to rebuild the CloudEvent exactly, including its
 * id, so a re-send is the same event to consumers.
 */
@Entity
@Table(name = "outbox", schema = "tenant")
public class OutboxMessage {

    /** Insertion order, which is publication order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, length = 64)
    public String eventId;

    @Column(name = "ce_type", nullable = false, length = 200)
    public String ceType;

    @Column(nullable = false, length = 200)
    public String source;

    @Column(name = "event_time", nullable = false)
    public Instant eventTime;

    @Column(name = "tenant_id", nullable = false, length = 64)
    public String tenantId;

    @Column(name = "conversation_id", length = 200)
    public String conversationId;

    /** The event's JSON payload. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Null until the broker acknowledged the event. */
    @Column(name = "sent_at")
    public Instant sentAt;
}
