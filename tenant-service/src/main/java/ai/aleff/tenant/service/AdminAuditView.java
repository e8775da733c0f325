package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** One administrative change as a tenant administrator reads it. */
public record AdminAuditView(UUID recordId, String actor, String action, String subjectId, JsonNode before,
        JsonNode after, Instant occurredAt) {
}
