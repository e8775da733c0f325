package ai.aleff.tenant.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import ai.aleff.tenant.repository.AdminAuditEntity;
import ai.aleff.tenant.repository.AdminAuditRepository;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/** Reads a tenant's administrative audit. A deleted tenant's audit stays readable. */
@ApplicationScoped
public class AdminAuditService {

    private static final String CURSOR_KIND = "admin-audit";

    private final TenantRepository tenants;
    private final AdminAuditRepository audits;
    private final ObjectMapper json;

    public AdminAuditService(TenantRepository tenants, AdminAuditRepository audits, ObjectMapper json) {
        this.tenants = tenants;
        this.audits = audits;
        this.json = json;
    }

    public Uni<AdminAuditPage> page(Actor actor, String tenantId, String cursor, int limit) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        Long before = cursor == null ? null : position(cursor);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id).chain(tenant -> {
            if (tenant == null) {
                throw TenantChanges.noSuchTenant();
            }
            return audits.page(id, before, limit + 1);
        })).map(rows -> {
            List<AdminAuditEntity> page = rows.stream().limit(limit).toList();
            String next = rows.size() > limit ? Cursors.encode(CURSOR_KIND, page.getLast().id.toString()) : null;
            return new AdminAuditPage(page.stream().map(this::view).toList(), next);
        });
    }

    private static Long position(String cursor) {
        String id = Cursors.decode(CURSOR_KIND, cursor, 1).get(0);
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw Cursors.invalid();
        }
        return Long.parseLong(id);
    }

    private AdminAuditView view(AdminAuditEntity row) {
        return new AdminAuditView(row.recordId, row.actor, row.action, row.subjectId, parse(row.before),
                parse(row.after), row.occurredAt);
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An administrative audit record is not readable", e);
        }
    }
}
