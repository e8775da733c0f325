package ai.aleff.tenant.service;

import java.time.Instant;

/**
 * How a tenant's end users are verified, as its people may see it: never the identity secret.
 *
 * @param secretConfigured whether the tenant has an identity secret (without one no user is verified)
 * @param secretHint the secret's last four characters, to tell secrets apart; null without one
 * @param secretCreatedAt when the current secret was created; null without one
 * @param unverifiedMemoryInOneToOne whether memory tools act for unverified users in one-to-one conversations
 */
public record EndUserIdentityView(boolean secretConfigured, String secretHint, Instant secretCreatedAt,
        boolean unverifiedMemoryInOneToOne) {
}
