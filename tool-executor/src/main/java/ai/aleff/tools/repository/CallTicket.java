package ai.aleff.tools.repository;

import java.util.UUID;

/**
 * Proof of owning a claimed call: the outcome is recorded only while the row still carries this token.
 *
 * @param tenantId the calling tenant
 * @param idempotencyKey the call's key within the tenant
 * @param token the claim token of the owning run
 */
public record CallTicket(String tenantId, String idempotencyKey, UUID token) {
}
