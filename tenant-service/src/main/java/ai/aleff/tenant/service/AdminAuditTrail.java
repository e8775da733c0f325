package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.tenant.repository.AdminAuditEntity;

/**
 * Records an administrative change twice under one id: in tenant-service's {@code admin_audit} (who, what, before
 * and after; what tenant administrators read) and as an {@link AuditRecord} on the audit topic (the platform-wide
 * trail, which has no room for before and after: its detail names the actor).
 */
@ApplicationScoped
public class AdminAuditTrail {

    private final AuditTrail audit;
    private final ObjectMapper json;

    public AdminAuditTrail(AuditTrail audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** The two records of one change, sharing {@code recordId}. */
    record Entry(AdminAuditEntity row, CloudEvent<AuditRecord> event) {
    }

    Entry entry(Actor actor, UUID tenantId, AdminChange<?> change, Instant now) {
        AdminAuditEntity row = row(actor, tenantId, change, now);
        CloudEvent<AuditRecord> event = audit.record(row.recordId.toString(), tenantId.toString(), null,
                change.action(), change.subjectId(), change.detail() + " (by " + actor.subject() + ")");
        return new Entry(row, event);
    }

    /**
     * A platform change (a template): only the administrative row, without a tenant. The platform-wide trail
     * records tenants' events, keyed and read per tenant, so it gets none.
     */
    AdminAuditEntity platformRow(Actor actor, AdminChange<?> change, Instant now) {
        return row(actor, null, change, now);
    }

    private AdminAuditEntity row(Actor actor, UUID tenantId, AdminChange<?> change, Instant now) {
        AdminAuditEntity row = new AdminAuditEntity();
        row.recordId = UUID.randomUUID();
        row.tenantId = tenantId;
        row.actor = actor.subject();
        row.action = change.action();
        row.subjectId = change.subjectId();
        row.before = toJson(change.before());
        row.after = toJson(change.after());
        row.occurredAt = now;
        return row;
    }

    private String toJson(Object snapshot) {
        if (snapshot == null) {
            return null;
        }
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an audit snapshot", e);
        }
    }
}
