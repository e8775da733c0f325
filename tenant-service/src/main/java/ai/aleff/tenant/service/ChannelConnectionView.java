package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.Map;

import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;

/**
 * A connection as its administrators see it: credentials only as hints.
 *
 * @param webhookUrl where the platform delivers updates; null in POLLING mode
 * @param credentialHints credential name -> its last four characters
 * @param verifyToken WhatsApp's verify token, only right after it was generated (the connect response)
 */
public record ChannelConnectionView(String connectionId, Type type, String displayName, Status status, Mode mode,
        Settings settings, Account account, String webhookUrl, Map<String, String> credentialHints, long version,
        Instant createdAt, Instant changedAt, String verifyToken) {
}
