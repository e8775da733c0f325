package ai.aleff.agent.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.agent.model.ModelUsage;
import ai.aleff.agent.repository.Turn;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;

/**
 * The audit records a turn writes, one method per kind. Each record's id is derived from its action and subject, so
 * a step redone after a redelivery or a crash writes the same record again and audit-service stores it once.
 */
@ApplicationScoped
public class TurnAudit {

    private final AuditTrail trail;

    public TurnAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** The name events of this service are stamped with. */
    public String service() {
        return trail.service();
    }

    /** The id of the record of {@code action} on {@code subjectId}: the same for every redo. */
    public static String id(String action, String subjectId) {
        return UUID.nameUUIDFromBytes(("audit:" + action + ":" + subjectId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public CloudEvent<AuditRecord> messageRefused(MessageReceived message, String reason) {
        return record(message.tenantId(), message.conversationId(), "message.refused", message.messageId(),
                "reason=" + reason);
    }

    public CloudEvent<AuditRecord> toolTimedOut(String tenantId, String conversationId, String callId,
            String toolName) {
        return record(tenantId, conversationId, "tool.timeout", callId, "tool=" + toolName);
    }

    public CloudEvent<AuditRecord> toolRequested(Turn turn, String callId, String toolName) {
        return record(turn, "tool.requested", callId, "tool=" + toolName);
    }

    public CloudEvent<AuditRecord> subagentStarted(Turn child) {
        return record(child, "subagent.started", child.turnId(),
                "subagent=" + child.lineage().subagent() + " call=" + child.lineage().parentCallId());
    }

    public CloudEvent<AuditRecord> subagentCompleted(Turn child) {
        return record(child, "subagent.completed", child.turnId(), "subagent=" + child.lineage().subagent());
    }

    public CloudEvent<AuditRecord> subagentFailed(Turn child, String cause) {
        return record(child, "subagent.failed", child.turnId(),
                "subagent=" + child.lineage().subagent() + " cause=" + cause);
    }

    /** One per model step: the subject is the turn's step, so a redone step's record is the same. */
    public CloudEvent<AuditRecord> modelCalled(Turn turn, ModelUsage usage) {
        return record(turn, "model.called", turn.turnId() + ":" + turn.iteration(), usage.auditDetail());
    }

    public CloudEvent<AuditRecord> turnFailed(Turn turn, String cause) {
        return record(turn, "turn.failed", turn.turnId(), "cause=" + cause);
    }

    public CloudEvent<AuditRecord> replyPublished(Turn turn, String replyId, String modelName) {
        return record(turn, "reply.published", replyId, "model=" + modelName);
    }

    public CloudEvent<AuditRecord> historyCompacted(Turn turn, long coversToSeq, int entries, ModelUsage usage) {
        String subject = turn.historyKey() + ":" + coversToSeq;
        // A history key is per conversation, not per tenant: the tenant in the id keeps two tenants' records apart.
        return trail.record(id("history.compacted", turn.tenantId() + "/" + subject), turn.tenantId(),
                turn.conversationId(), "history.compacted", subject,
                "covers_to_seq=" + coversToSeq + " entries=" + entries + " " + usage.auditDetail());
    }

    public CloudEvent<AuditRecord> historyTruncated(Turn turn, String cause) {
        return record(turn, "history.truncated", turn.turnId() + ":" + turn.iteration(), "summary failed: " + cause);
    }

    /** A record whose action its caller names (a session command, a tool the worker answers itself). */
    public CloudEvent<AuditRecord> action(Turn turn, String action, String subjectId, String detail) {
        return record(turn, action, subjectId, detail);
    }

    private CloudEvent<AuditRecord> record(Turn turn, String action, String subjectId, String detail) {
        return record(turn.tenantId(), turn.conversationId(), action, subjectId, detail);
    }

    private CloudEvent<AuditRecord> record(String tenantId, String conversationId, String action, String subjectId,
            String detail) {
        return trail.record(id(action, subjectId), tenantId, conversationId, action, subjectId, detail);
    }
}
