package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.UUID;

import ai.aleff.contracts.events.TenantLimits;

/** A stored template. */
public record TemplateView(UUID id, String name, String description, PortableAssistant assistant,
        TenantLimits limits, long version,
        Instant createdAt, Instant updatedAt) {
}
