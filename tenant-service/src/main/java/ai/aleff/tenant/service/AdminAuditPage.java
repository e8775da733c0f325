package ai.aleff.tenant.service;

import java.util.List;

/** One page of a tenant's administrative audit, newest first, and the cursor of the next (null on the last). */
public record AdminAuditPage(List<AdminAuditView> items, String nextCursor) {
}
