package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.tenant.config.ChannelSettings;
import ai.aleff.tenant.repository.ChannelConnectionEntity;

/**
 * A connection row in its other shapes: the published {@link ChannelConnectionChanged}, the administrators' view,
 * the audit snapshot, and the JSON columns (settings, encrypted credentials, hints).
 */
@ApplicationScoped
public class ChannelConnectionRecords {

    private static final TypeReference<Map<String, EncryptedSecret>> CREDENTIALS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> HINTS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final AuditTrail audit;
    private final String publicBaseUrl;

    public ChannelConnectionRecords(ObjectMapper json, AuditTrail audit, ChannelSettings settings) {
        this.json = json;
        this.audit = audit;
        this.publicBaseUrl = settings.publicBaseUrl().map(url -> url.replaceAll("/+$", "")).orElse(null);
    }

    /** Where the platform delivers the connection's updates, or null without a public URL. */
    String webhookUrl(Type type, String connectionId) {
        return publicBaseUrl == null
                ? null
                : publicBaseUrl + "/v1/channels/" + type.name().toLowerCase(java.util.Locale.ROOT) + "/" + connectionId;
    }

    boolean hasPublicUrl() {
        return publicBaseUrl != null;
    }

    boolean publicUrlIsHttps() {
        return publicBaseUrl != null && publicBaseUrl.startsWith("https://");
    }

    CloudEvent<ChannelConnectionChanged> changed(ChannelConnectionEntity row) {
        return event(row.tenantId, new ChannelConnectionChanged(row.tenantId.toString(), row.connectionId, row.type,
                row.displayName, row.status, row.mode, settings(row), account(row), credentials(row), row.version,
                row.changedAt), row.changedAt);
    }

    /** The record that tells consumers to erase the connection: no credentials, the next version. */
    CloudEvent<ChannelConnectionChanged> deleted(ChannelConnectionEntity row, Instant now) {
        return event(row.tenantId, new ChannelConnectionChanged(row.tenantId.toString(), row.connectionId, row.type,
                row.displayName, Status.DELETED, row.mode, settings(row), account(row), Map.of(), row.version + 1,
                now), now);
    }

    ChannelConnectionView view(ChannelConnectionEntity row, String verifyToken) {
        return new ChannelConnectionView(row.connectionId, row.type, row.displayName, row.status, row.mode,
                settings(row), account(row), row.mode == Mode.WEBHOOK ? webhookUrl(row.type, row.connectionId) : null,
                hints(row), row.version, row.createdAt, row.changedAt, verifyToken);
    }

    ChannelConnectionSnapshot snapshot(ChannelConnectionEntity row) {
        return new ChannelConnectionSnapshot(row.connectionId, row.type, row.displayName, row.status, row.mode,
                settings(row), account(row), credentials(row).keySet().stream().sorted().toList(), row.version);
    }

    Settings settings(ChannelConnectionEntity row) {
        return read(row.settings, Settings.class);
    }

    Map<String, EncryptedSecret> credentials(ChannelConnectionEntity row) {
        return read(row.credentials, CREDENTIALS);
    }

    Map<String, String> hints(ChannelConnectionEntity row) {
        return read(row.credentialHints, HINTS);
    }

    void setSettings(ChannelConnectionEntity row, Settings settings) {
        row.settings = write(settings);
    }

    void setCredentials(ChannelConnectionEntity row, Map<String, EncryptedSecret> credentials,
            Map<String, String> hints) {
        row.credentials = write(new TreeMap<>(credentials));
        row.credentialHints = write(new TreeMap<>(hints));
    }

    private static Account account(ChannelConnectionEntity row) {
        return row.accountId == null ? null : new Account(row.accountId, row.accountUsername);
    }

    private CloudEvent<ChannelConnectionChanged> event(UUID tenantId, ChannelConnectionChanged data, Instant at) {
        return CloudEvent.of(audit.service(), UUID.randomUUID().toString(), tenantId.toString(), null, at, data);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored channel connection column is not readable", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored channel connection column is not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a channel connection column", e);
        }
    }
}
