package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.tenant.messaging.OutboxCodec;
import ai.aleff.tenant.messaging.OutboxRelay;
import ai.aleff.tenant.repository.OutboxRepository;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;

/**
 * Creates and reads tenants. A change and the events describing it are written in one transaction (outbox), so the
 * configuration topic can never miss a committed change nor announce one that rolled back.
 */
@ApplicationScoped
public class TenantService {

    /** Only the canonical form: {@link UUID#fromString} also accepts odd spellings such as {@code 1-1-1-1-1}. */
    private static final Pattern CANONICAL_UUID = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final TenantRepository tenants;
    private final OutboxRepository outbox;
    private final OutboxCodec outboxCodec;
    private final OutboxRelay relay;
    private final TenantConfigurations configurations;
    private final AuditTrail audit;

    public TenantService(TenantRepository tenants, OutboxRepository outbox, OutboxCodec outboxCodec,
            OutboxRelay relay, TenantConfigurations configurations, AuditTrail audit) {
        this.tenants = tenants;
        this.outbox = outbox;
        this.outboxCodec = outboxCodec;
        this.relay = relay;
        this.configurations = configurations;
        this.audit = audit;
    }

    /** Completes once the tenant and its events are committed; publishing follows asynchronously. */
    public Uni<CreatedTenant> create(String name) {
        // PostgreSQL keeps microseconds: truncate so the response shows what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String apiKey = ApiKeys.generate();
        TenantEntity tenant = TenantEntity.newActive(UUID.randomUUID(), name.strip(), ApiKeys.hash(apiKey), now);
        List<CloudEvent<?>> events = List.of(configurations.changed(tenant, now), audit.record(tenant.id.toString(),
                null, "tenant.created", tenant.id.toString(), "Tenant created"));
        return Panache.withTransaction(() -> tenants.persist(tenant)
                .chain(() -> outbox.persist(events.stream().map(e -> outboxCodec.toRow(e, now)))))
                .invoke(relay::drainSoon)
                .replaceWith(new CreatedTenant(tenant, apiKey));
    }

    /** The tenant with this id; a malformed id simply names no tenant. */
    public Uni<Optional<TenantEntity>> find(String id) {
        if (id == null || !CANONICAL_UUID.matcher(id).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.withSession(() -> tenants.findById(UUID.fromString(id))).map(Optional::ofNullable);
    }
}
