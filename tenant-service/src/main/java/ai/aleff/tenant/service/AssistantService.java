package ai.aleff.tenant.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.platform.egress.EgressGuard;
import ai.aleff.platform.egress.PlatformKeyEndpoints;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.platform.rest.Problem.FieldError;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.tenant.config.TenantSettings;
import ai.aleff.tenant.repository.AdminAuditRepository;
import ai.aleff.tenant.repository.ApiKeyRepository;
import ai.aleff.tenant.repository.AssistantVersionEntity;
import ai.aleff.tenant.repository.AssistantVersionRepository;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * A tenant's assistant configuration: every change is a new version, stored with API keys encrypted, and in the
 * same transaction the tenant's whole configuration (now including this version) and an audit record go to the
 * outbox. The tenant row is locked for the change, so versions are gap-free and If-Match is checked against the
 * version the change really replaces.
 */
@ApplicationScoped
public class AssistantService {

    /**
     * Largest stored configuration in bytes of JSON. It travels inside one Kafka record (default limit 1 MB) with
     * the tenant's other fields: a larger one would be committed but could never be published.
     */
    public static final int MAX_CONFIGURATION_BYTES = 512 * 1024;

    private final TenantRepository tenants;
    private final AssistantVersionRepository versions;
    private final Outbox outbox;
    private final SessionOutbox sessionOutbox;
    private final TenantConfigurations configurations;
    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final AssistantValidator validator;
    private final AssistantAssembler assembler;
    private final ApiKeyRepository keys;
    private final AdminAuditTrail trail;
    private final AdminAuditRepository audits;

    public AssistantService(TenantRepository tenants, AssistantVersionRepository versions, Outbox outbox,
            TenantConfigurations configurations, SecretCipher cipher, ObjectMapper json, TenantSettings settings,
            ApiKeyRepository keys, AdminAuditTrail trail, AdminAuditRepository audits, EgressGuard egress,
            PlatformKeyEndpoints platformKeyEndpoints) {
        this.tenants = tenants;
        this.keys = keys;
        this.trail = trail;
        this.audits = audits;
        this.versions = versions;
        this.outbox = outbox;
        this.sessionOutbox = new SessionOutbox(outbox);
        this.configurations = configurations;
        this.cipher = cipher;
        this.json = json;
        this.validator = new AssistantValidator(BuiltinTools.names(), egress, platformKeyEndpoints);
        this.assembler = new AssistantAssembler(cipher);
    }

    /** The current configuration; version 0 (the platform defaults) when the tenant never set one. */
    public Uni<StoredAssistant> current(Actor actor, String tenantId) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return TenantTransactions.inTenant(id,
                () -> tenants.findById(id).chain(tenant -> current(requireFound(tenant))));
    }

    /** Replaces the configuration with {@code input} as a new version, if {@code precondition} holds. */
    public Uni<StoredAssistant> replace(Actor actor, String tenantId, AssistantInput input,
            Precondition precondition) {
        return replace(actor, tenantId, input, precondition, "tenant.assistant.updated");
    }

    /** As {@link #replace(Actor, String, AssistantInput, Precondition)}, audited as {@code action}. */
    public Uni<StoredAssistant> replace(Actor actor, String tenantId, AssistantInput input,
            Precondition precondition, String action) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        List<FieldError> errors = validator.validate(input);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new InvalidAssistantException(errors));
        }
        if (input.carriesApiKeys() && !cipher.canEncrypt()) {
            return Uni.createFrom().failure(new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "No platform secret key is configured (aleff.secrets.active-key and aleff.secrets.keys.<id>), "
                            + "so API keys cannot be stored. Ask the operator to configure one, or leave apiKey "
                            + "out to use the platform's keys."));
        }
        return change(actor, id, precondition, current -> {
            AssistantConfiguration next = assembler.assemble(tenantId, current.version() + 1, input,
                    current.configuration());
            return Uni.createFrom().item(new Change(next, AssistantSummary.of(next), action));
        });
    }

    /** Makes an earlier version current again, as a new version: history is never rewritten. */
    public Uni<StoredAssistant> restore(Actor actor, String tenantId, long version, Precondition precondition) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return change(actor, id, precondition, current -> versions.findVersion(id, version).map(row -> {
            AssistantConfiguration old = stored(row).configuration();
            // The stored keys stay valid: they were encrypted for this tenant, and retired platform keys stay readable.
            AssistantConfiguration next = new AssistantConfiguration(current.version() + 1, old.instructions(),
                    old.models(), old.tools(), old.subagents(), old.skills(), old.maxToolIterations(),
                    old.historyTokenBudget(), old.transcription());
            return new Change(next, truncate("restored version " + version + ": " + AssistantSummary.of(next)),
                    "tenant.assistant.restored");
        }));
    }

    /** Newest first. */
    public Uni<List<AssistantVersionView>> versions(Actor actor, String tenantId, int limit) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id)
                .chain(tenant -> versions.summaries(requireFound(tenant).id, limit)))
                .map(rows -> rows.stream().map(AssistantVersionView::of).toList());
    }

    /** One stored version. */
    public Uni<StoredAssistant> version(Actor actor, String tenantId, long version) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id).chain(tenant -> {
            requireFound(tenant);
            return versions.findVersion(id, version);
        })).map(this::stored);
    }

    /** What a change computes from the locked tenant and its current configuration. */
    private record Change(AssistantConfiguration next, String summary, String action) {
    }

    /** The assistant in the administrative audit: its version and one line of names and counts, never a key. */
    record AssistantSnapshot(long version, String summary) {
    }

    private interface ChangeFunction {
        Uni<Change> apply(StoredAssistant current);
    }

    private Uni<StoredAssistant> change(Actor actor, UUID id, Precondition precondition, ChangeFunction function) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
                    TenantEntity tenant = requireFound(found);
                    return current(tenant).chain(current -> {
                        if (!precondition.matches(current.version())) {
                            throw new ProblemException(Response.Status.PRECONDITION_FAILED,
                                    "The assistant configuration is at version " + current.version()
                                            + " (ETag " + Precondition.etag(current.version())
                                            + "), not the one If-Match names. Read it again and retry.");
                        }
                        return function.apply(current).chain(change -> write(actor, tenant, current, change, now));
                    });
                }))
                .invoke(outbox::relaySoon);
    }

    private Uni<StoredAssistant> write(Actor actor, TenantEntity tenant, StoredAssistant current, Change change,
            Instant now) {
        AssistantVersionEntity row = new AssistantVersionEntity();
        row.tenantId = tenant.id;
        row.version = change.next().version();
        row.configuration = serialize(change.next());
        row.summary = change.summary();
        row.changedAt = now;
        tenant.assistantVersion = row.version;
        tenant.version++;
        AdminAuditTrail.Entry entry = trail.entry(actor, tenant.id, AdminChange.of(null, change.action(),
                tenant.id.toString(), new AssistantSnapshot(current.version(), current.summary()),
                new AssistantSnapshot(row.version, change.summary()),
                "Assistant configuration version " + row.version + ": " + change.summary()), now);
        return versions.persist(row)
                .chain(() -> audits.persist(entry.row()))
                .chain(() -> keys.ofTenant(tenant.id))
                .map(tenantKeys -> List.<CloudEvent<?>>of(
                        configurations.changed(tenant, change.next(), tenantKeys, now), entry.event()))
                .chain(events -> Panache.getSession().chain(session -> sessionOutbox.add(session, events)))
                .replaceWith(new StoredAssistant(change.next(), now, change.summary()));
    }

    private Uni<StoredAssistant> current(TenantEntity tenant) {
        if (tenant.assistantVersion == null) {
            return Uni.createFrom().item(new StoredAssistant(AssistantConfiguration.platformDefaults(),
                    tenant.createdAt, "platform defaults"));
        }
        return versions.findVersion(tenant.id, tenant.assistantVersion).map(this::stored);
    }

    private StoredAssistant stored(AssistantVersionEntity row) {
        if (row == null) {
            throw ProblemException.notFound("The tenant has no assistant configuration with this version.");
        }
        try {
            return new StoredAssistant(json.readValue(row.configuration, AssistantConfiguration.class),
                    row.changedAt, row.summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Assistant version " + row.version + " of tenant " + row.tenantId
                    + " is not readable", e);
        }
    }

    private String serialize(AssistantConfiguration configuration) {
        String text;
        try {
            text = json.writeValueAsString(configuration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an assistant configuration", e);
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CONFIGURATION_BYTES) {
            throw new InvalidAssistantException(List.of(new FieldError("body", "the configuration takes " + bytes
                    + " bytes as JSON; at most " + MAX_CONFIGURATION_BYTES + " fit in a configuration event")));
        }
        return text;
    }

    private static String truncate(String summary) {
        return summary.length() <= AssistantSummary.MAX_LENGTH
                ? summary
                : summary.substring(0, AssistantSummary.MAX_LENGTH - 3) + "...";
    }

    private static TenantEntity requireFound(TenantEntity tenant) {
        if (tenant == null || tenant.deleted()) {
            throw noSuchTenant();
        }
        return tenant;
    }

    private static ProblemException noSuchTenant() {
        return ProblemException.notFound("No tenant with this id.");
    }
}
