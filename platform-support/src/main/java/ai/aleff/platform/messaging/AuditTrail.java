package ai.aleff.platform.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;

/** Builds audit events stamped with this service's name. */
@ApplicationScoped
public class AuditTrail {

    private final String service;

    public AuditTrail(@ConfigProperty(name = "quarkus.application.name") String service) {
        this.service = service;
    }

    /**
     * An audit event. Pass a deterministic {@code recordId} (derived from the event being handled) when the step may
     * be redone after a redelivery, so audit-service stores it once.
     */
    public CloudEvent<AuditRecord> record(String recordId, String tenantId, String conversationId, String action,
            String subjectId, String detail) {
        Instant now = Instant.now();
        return CloudEvent.of(service, recordId, tenantId, conversationId, now,
                new AuditRecord(recordId, tenantId, conversationId, service, action, subjectId, detail, now));
    }

    public CloudEvent<AuditRecord> record(String tenantId, String conversationId, String action, String subjectId,
            String detail) {
        return record(UUID.randomUUID().toString(), tenantId, conversationId, action, subjectId, detail);
    }

    public String service() {
        return service;
    }
}
