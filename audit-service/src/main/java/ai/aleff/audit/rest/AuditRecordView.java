package ai.aleff.audit.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.audit.service.AuditEntry;

/** One step the platform took, as the tenant sees it. */
@Schema(name = "AuditRecord", description = "One step the platform took in a conversation.")
public record AuditRecordView(@Schema(description = "Unique record id") String recordId,
        @Schema(description = "Service that did the step", examples = "tool-executor") String service,
        @Schema(description = "What happened", examples = "tool.completed") String action,
        @Schema(description = "Id of the thing acted on (message, call, reply)") String subjectId,
        @Schema(description = "Short human-readable detail") String detail,
        @Schema(description = "When the step happened") Instant occurredAt) {

    static AuditRecordView of(AuditEntry r) {
        return new AuditRecordView(r.recordId(), r.service(), r.action(), r.subjectId(), r.detail(), r.occurredAt());
    }
}
