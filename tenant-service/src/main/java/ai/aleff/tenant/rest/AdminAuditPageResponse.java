package ai.aleff.tenant.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.tenant.service.AdminAuditPage;
import ai.aleff.tenant.service.AdminAuditView;

/** One page of a tenant's administrative audit, newest first. */
public record AdminAuditPageResponse(List<AdminAuditView> items,
        @Schema(description = "Pass as ?cursor= for the next (older) page; absent on the last page. Opaque.") String nextCursor) {

    static AdminAuditPageResponse of(AdminAuditPage page) {
        return new AdminAuditPageResponse(page.items(), page.nextCursor());
    }
}
