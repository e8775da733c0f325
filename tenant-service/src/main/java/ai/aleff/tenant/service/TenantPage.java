package ai.aleff.tenant.service;

import java.util.List;

/** One page of tenants, and the cursor of the next page (null on the last). */
public record TenantPage(List<TenantView> items, String nextCursor) {
}
