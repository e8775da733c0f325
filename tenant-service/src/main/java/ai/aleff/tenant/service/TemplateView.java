package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.UUID;

/** A stored template. */
public record TemplateView(UUID id, String name, String description, PortableAssistant assistant, long version,
        Instant createdAt, Instant updatedAt) {
}
