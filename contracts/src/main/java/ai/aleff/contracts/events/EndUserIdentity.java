package ai.aleff.contracts.events;

import java.time.Instant;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;

/**
 * How a tenant's end users prove who they are on the HTTP API, and what unproven ones may do.
 *
 * @param identitySecret the tenant's identity secret, encrypted with the platform key (never in plain text on a
 *        topic); channel-ingress checks {@code userHash = hex HMAC-SHA256(secret, userId)} with it. Null: the tenant
 *        has none, so no user can be verified.
 * @param secretCreatedAt when the current secret was created; null without one
 * @param unverifiedMemoryInOneToOne whether memory tools act for unverified users in one-to-one conversations (never
 *        in group conversations); false unless the tenant chose it
 */
public record EndUserIdentity(EncryptedSecret identitySecret, Instant secretCreatedAt,
        boolean unverifiedMemoryInOneToOne) {

    /** No identity secret, memory only for verified users: the default and the value of older records. */
    public static EndUserIdentity none() {
        return new EndUserIdentity(null, null, false);
    }
}
