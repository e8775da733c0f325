package ai.aleff.tenant.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.tenant.service.TenantPage;

/** One page of tenants. */
public record TenantPageResponse(List<TenantResponse> items,
        @Schema(description = "Pass as ?cursor= for the next page; absent on the last page. Opaque.") String nextCursor) {

    static TenantPageResponse of(TenantPage page) {
        return new TenantPageResponse(page.items().stream().map(TenantResponse::of).toList(), page.nextCursor());
    }
}
