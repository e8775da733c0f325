package ai.aleff.audit.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A conversation's audit records, oldest first. */
@Schema(name = "AuditTrail", description = "A conversation's audit records, oldest first.")
public record AuditTrailPage(String conversationId, List<AuditRecordView> records) {
}
