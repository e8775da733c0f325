package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.tenant.config.ChannelSettings;
import ai.aleff.tenant.repository.AdminAuditRepository;
import ai.aleff.tenant.repository.ChannelConnectionEntity;
import ai.aleff.tenant.repository.ChannelConnectionRepository;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * A tenant's channel connections. Every change is one transaction with the tenant row locked: the row, its
 * {@link ChannelConnectionChanged} (next version; credentials only encrypted) and the admin audit (no secret, no
 * hint), all through the outbox. The platform is asked first (Telegram {@code getMe}, {@code setWebhook} /
 * {@code deleteWebhook}; Slack {@code auth.test}; Discord {@code /users/@me} and the {@code /ask} command), outside any transaction: a refused token or an unreachable
 * platform stores and publishes nothing.
 */
@ApplicationScoped
public class ChannelConnectionService {

    static final String CONNECTED = "tenant.channel.connected";
    static final String UPDATED = "tenant.channel.updated";
    static final String PAUSED = "tenant.channel.paused";
    static final String RESUMED = "tenant.channel.resumed";
    static final String DELETED = "tenant.channel.deleted";

    private final TenantRepository tenants;
    private final ChannelConnectionRepository connections;
    private final ChannelConnectionRecords records;
    private final ChannelSecrets secrets;
    private final ChannelRegistration registration;
    private final AdminAuditTrail trail;
    private final AdminAuditRepository audits;
    private final Outbox outbox;
    private final SessionOutbox sessionOutbox;
    private final int maxConnections;

    public ChannelConnectionService(TenantRepository tenants, ChannelConnectionRepository connections,
            ChannelConnectionRecords records, ChannelSecrets secrets, ChannelRegistration registration,
            AdminAuditTrail trail, AdminAuditRepository audits, Outbox outbox, ChannelSettings settings) {
        this.tenants = tenants;
        this.connections = connections;
        this.records = records;
        this.secrets = secrets;
        this.registration = registration;
        this.trail = trail;
        this.audits = audits;
        this.outbox = outbox;
        this.sessionOutbox = new SessionOutbox(outbox);
        this.maxConnections = settings.maxConnectionsPerTenant();
    }

    public Uni<List<ChannelConnectionView>> list(Actor actor, String tenantId) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id).invoke(TenantChanges::requireLive)
                .chain(() -> connections.ofTenant(id)))
                .map(rows -> rows.stream().map(row -> records.view(row, null)).toList());
    }

    public Uni<ChannelConnectionView> get(Actor actor, String tenantId, String connectionId) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return read(id, connectionId).map(row -> records.view(row, null));
    }

    /** A new connection, checked and registered at the platform first; its verify token (WhatsApp) shown once. */
    public Uni<ChannelConnectionView> connect(Actor actor, String tenantId, ChannelConnectionInput input) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        ChannelConnectionRules.Resolved resolved = ChannelConnectionRules.connect(input, records.hasPublicUrl(),
                records.publicUrlIsHttps());
        requireCipher();
        String connectionId = ChannelSecrets.newConnectionId();
        String generated = ChannelSecrets.newSecret();
        ChannelCredentialsInput given = input.credentials();
        Uni<Account> account = registration.register(input.type(), given.botToken(), resolved.mode(),
                records.webhookUrl(input.type(), connectionId), generated, resolved.settings(),
                given.applicationId(), given.appToken());
        return TenantTransactions.inTenant(id, () -> tenants.findById(id).invoke(TenantChanges::requireLive)
                .chain(() -> connections.countOfTenant(id)).invoke(this::requireRoom))
                .chain(() -> account)
                .chain(registered -> inLockedTenant(id, (tenant, now) -> connections.countOfTenant(id)
                        .invoke(this::requireRoom)
                        .chain(() -> {
                            ChannelConnectionEntity row = new ChannelConnectionEntity();
                            row.connectionId = connectionId;
                            row.tenantId = id;
                            row.type = input.type();
                            row.status = Status.ACTIVE;
                            row.version = 1;
                            row.createdAt = now;
                            apply(row, resolved, registered, now);
                            Map<String, String> plain = new HashMap<>(ChannelSecrets.plain(given));
                            ChannelSecrets.generatedName(input.type()).ifPresent(name -> plain.put(name, generated));
                            seal(row, Map.of(), Map.of(), plain);
                            return connections.persist(row)
                                    .chain(() -> publish(actor, row, records.changed(row), CONNECTED, null,
                                            "Channel connection " + connectionId + " (" + row.type + ") connected",
                                            now))
                                    .replaceWith(() -> records.view(row,
                                            row.type == Type.WHATSAPP ? generated : null));
                        })));
    }

    /** Replaces name, settings and mode (and credentials given); Telegram is asked again with the resulting token. */
    public Uni<ChannelConnectionView> update(Actor actor, String tenantId, String connectionId,
            ChannelConnectionUpdate input, Precondition precondition) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return read(id, connectionId).chain(found -> {
            requireMatch(found, precondition);
            ChannelConnectionRules.Resolved resolved = ChannelConnectionRules.update(found.type, found.mode, input,
                    records.hasPublicUrl(), records.publicUrlIsHttps());
            Map<String, String> given = input.credentials() == null
                    ? Map.of()
                    : ChannelSecrets.plain(input.credentials());
            if (!given.isEmpty()) {
                requireCipher();
            }
            Map<String, EncryptedSecret> stored = records.credentials(found);
            ChannelConnectionRules.requireAppToken(found.type, resolved.mode(),
                    given.containsKey(ChannelConnectionChanged.APP_TOKEN)
                            || stored.containsKey(ChannelConnectionChanged.APP_TOKEN));
            ChannelConnectionRules.requirePublicKey(found.type, resolved.mode(),
                    given.containsKey(ChannelConnectionChanged.PUBLIC_KEY)
                            || stored.containsKey(ChannelConnectionChanged.PUBLIC_KEY));
            String token = found.type == Type.WHATSAPP
                    ? null
                    : given.containsKey(ChannelConnectionChanged.BOT_TOKEN)
                            ? given.get(ChannelConnectionChanged.BOT_TOKEN)
                            : open(found, stored, ChannelConnectionChanged.BOT_TOKEN);
            Uni<Account> account = registration.register(found.type, token, resolved.mode(),
                    records.webhookUrl(found.type, connectionId), found.type == Type.TELEGRAM
                            ? open(found, stored, ChannelConnectionChanged.WEBHOOK_SECRET)
                            : null,
                    resolved.settings(), found.type != Type.DISCORD
                            ? null
                            : given.containsKey(ChannelConnectionChanged.APPLICATION_ID)
                                    ? given.get(ChannelConnectionChanged.APPLICATION_ID)
                                    : open(found, stored, ChannelConnectionChanged.APPLICATION_ID),
                    found.type != Type.SLACK || resolved.mode() != Mode.SOCKET_MODE
                            ? null
                            : given.containsKey(ChannelConnectionChanged.APP_TOKEN)
                                    ? given.get(ChannelConnectionChanged.APP_TOKEN)
                                    : open(found, stored, ChannelConnectionChanged.APP_TOKEN));
            return account.chain(registered -> change(actor, id, connectionId, precondition, UPDATED,
                    (row, now) -> {
                        apply(row, resolved, registered, now);
                        seal(row, records.credentials(row), records.hints(row), given);
                        return "Channel connection " + connectionId + " updated";
                    }));
        });
    }

    public Uni<ChannelConnectionView> pause(Actor actor, String tenantId, String connectionId,
            Precondition precondition) {
        return setStatus(actor, tenantId, connectionId, precondition, Status.PAUSED, PAUSED);
    }

    public Uni<ChannelConnectionView> resume(Actor actor, String tenantId, String connectionId,
            Precondition precondition) {
        return setStatus(actor, tenantId, connectionId, precondition, Status.ACTIVE, RESUMED);
    }

    /** Erases the row, publishes the DELETED record, then removes a Telegram webhook (best effort). */
    public Uni<Void> delete(Actor actor, String tenantId, String connectionId, Precondition precondition) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return inLockedTenant(id, (tenant, now) -> connections.find(id, connectionId).chain(found -> {
            ChannelConnectionEntity row = requireFound(found);
            requireMatch(row, precondition);
            String token = row.type == Type.TELEGRAM
                    ? open(row, records.credentials(row), ChannelConnectionChanged.BOT_TOKEN)
                    : null;
            CloudEvent<ChannelConnectionChanged> deleted = records.deleted(row, now);
            return connections.delete(row)
                    .chain(() -> publish(actor, row, deleted, DELETED, records.snapshot(row),
                            "Channel connection " + connectionId + " deleted", now))
                    .replaceWith(token);
        })).chain(token -> token == null ? Uni.createFrom().voidItem() : registration.unregisterTelegram(token));
    }

    private Uni<ChannelConnectionView> setStatus(Actor actor, String tenantId, String connectionId,
            Precondition precondition, Status status, String action) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return change(actor, id, connectionId, precondition, action, (row, now) -> {
            if (row.status == status) {
                return null;
            }
            row.status = status;
            row.changedAt = now;
            return "Channel connection " + connectionId + (status == Status.PAUSED ? " paused" : " resumed");
        });
    }

    /** A change of an existing row: {@code mutation} returns the audit detail, or null when nothing changed. */
    private Uni<ChannelConnectionView> change(Actor actor, UUID id, String connectionId, Precondition precondition,
            String action, Mutation mutation) {
        return inLockedTenant(id, (tenant, now) -> connections.find(id, connectionId).chain(found -> {
            ChannelConnectionEntity row = requireFound(found);
            requireMatch(row, precondition);
            ChannelConnectionSnapshot before = records.snapshot(row);
            String detail = mutation.apply(row, now);
            if (detail == null) {
                return Uni.createFrom().item(records.view(row, null));
            }
            row.version++;
            return publish(actor, row, records.changed(row), action, before, detail, now)
                    .replaceWith(() -> records.view(row, null));
        }));
    }

    private interface Mutation {
        String apply(ChannelConnectionEntity row, Instant now);
    }

    private Uni<Void> publish(Actor actor, ChannelConnectionEntity row, CloudEvent<ChannelConnectionChanged> event,
            String action, ChannelConnectionSnapshot before, String detail, Instant now) {
        ChannelConnectionSnapshot after = DELETED.equals(action) ? null : records.snapshot(row);
        AdminAuditTrail.Entry entry = trail.entry(actor, row.tenantId,
                AdminChange.of(null, action, row.connectionId, before, after, detail), now);
        return audits.persist(entry.row())
                .chain(() -> Panache.getSession())
                .chain(session -> sessionOutbox.add(session, List.of(event, entry.event())));
    }

    private <T> Uni<T> inLockedTenant(UUID id, LockedWork<T> work) {
        // PostgreSQL keeps microseconds: truncate so a response shows what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> work.apply(TenantChanges.requireLive(found), now)))
                .invoke(outbox::relaySoon);
    }

    private interface LockedWork<T> {
        Uni<T> apply(TenantEntity tenant, Instant now);
    }

    private Uni<ChannelConnectionEntity> read(UUID id, String connectionId) {
        return TenantTransactions.inTenant(id, () -> tenants.findById(id).invoke(TenantChanges::requireLive)
                .chain(() -> connections.find(id, connectionId))).map(ChannelConnectionService::requireFound);
    }

    private void apply(ChannelConnectionEntity row, ChannelConnectionRules.Resolved resolved, Account account,
            Instant now) {
        row.displayName = resolved.displayName();
        records.setSettings(row, resolved.settings());
        row.mode = resolved.mode();
        row.accountId = account == null ? null : account.id();
        row.accountUsername = account == null ? null : account.username();
        row.changedAt = now;
    }

    private void seal(ChannelConnectionEntity row, Map<String, EncryptedSecret> kept, Map<String, String> keptHints,
            Map<String, String> plain) {
        ChannelSecrets.Sealed sealed = secrets.seal(row.tenantId, row.connectionId, kept, keptHints, plain);
        records.setCredentials(row, sealed.credentials(), sealed.hints());
    }

    private String open(ChannelConnectionEntity row, Map<String, EncryptedSecret> stored, String name) {
        return secrets.open(row.tenantId, row.connectionId, stored, name);
    }

    private void requireCipher() {
        if (!secrets.canEncrypt()) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE, "No platform secret key is configured "
                    + "(aleff.secrets.active-key and aleff.secrets.keys.<id>), so channel credentials cannot be "
                    + "stored. Ask the operator to configure one.");
        }
    }

    private void requireRoom(long count) {
        if (count >= maxConnections) {
            throw new ProblemException(Response.Status.CONFLICT, "The tenant has " + count + " channel "
                    + "connections, the most it may have (aleff.channels.max-connections-per-tenant). Delete one first.");
        }
    }

    private static void requireMatch(ChannelConnectionEntity row, Precondition precondition) {
        if (!precondition.matches(row.version)) {
            throw new ProblemException(Response.Status.PRECONDITION_FAILED, "The channel connection is at version "
                    + row.version + " (ETag " + Precondition.etag(row.version) + "), not the one If-Match names. "
                    + "Read it again and retry.");
        }
    }

    private static ChannelConnectionEntity requireFound(ChannelConnectionEntity row) {
        if (row == null) {
            throw ProblemException.notFound("No channel connection with this id in this tenant.");
        }
        return row;
    }
}
