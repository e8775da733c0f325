package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;

/**
 * One channel connection of a tenant. Its credentials are only the JSON of their encrypted form; settings are the
 * JSON of the contract's {@code Settings}.
 */
@Entity
@Table(name = "channel_connections", schema = "tenant")
public class ChannelConnectionEntity {

    @Id
    @Column(name = "connection_id", length = 22)
    public String connectionId;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Type type;

    @Column(name = "display_name", nullable = false, length = 200)
    public String displayName;

    /** ACTIVE or PAUSED: a deleted connection has no row. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Mode mode;

    @Column(nullable = false, columnDefinition = "text")
    public String settings;

    @Column(name = "account_id", length = 64)
    public String accountId;

    @Column(name = "account_username", length = 64)
    public String accountUsername;

    /** JSON object: credential name -> EncryptedSecret. */
    @Column(nullable = false, columnDefinition = "text")
    public String credentials;

    /** JSON object: credential name -> its last four characters (the generated secrets have none). */
    @Column(name = "credential_hints", nullable = false, columnDefinition = "text")
    public String credentialHints;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
