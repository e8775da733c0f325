package ai.aleff.tenant.service;

import static jakarta.persistence.LockModeType.PESSIMISTIC_WRITE;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.platform.egress.EgressGuard;
import ai.aleff.platform.egress.PlatformKeyEndpoints;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.rest.Problem.FieldError;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.tenant.repository.AdminAuditRepository;
import ai.aleff.tenant.repository.TemplateEntity;
import ai.aleff.tenant.repository.TemplateRepository;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * Tenant templates, managed by platform administrators: a name and an assistant configuration without secrets that
 * a new tenant starts from. Each change is in the administrative audit (without a tenant). A tenant made from a
 * template is created, and gets the template's configuration as its first assistant version, in one transaction.
 */
@ApplicationScoped
public class TemplateService {

    /** Templates at most: a platform needs a handful, and the list is not paged. */
    public static final int MAX_TEMPLATES = 200;
    static final String FROM_TEMPLATE = "tenant.assistant.from-template";

    private final TemplateRepository templates;
    private final AdminAuditRepository audits;
    private final AdminAuditTrail trail;
    private final ObjectMapper json;
    private final AssistantValidator validator;
    private final AssistantAssembler assembler;
    private final TenantService tenants;
    private final AssistantService assistants;
    private final Outbox outbox;
    private final TenantRepository tenantRows;

    public TemplateService(TemplateRepository templates, AdminAuditRepository audits, AdminAuditTrail trail,
            ObjectMapper json, EgressGuard egress, PlatformKeyEndpoints platformKeyEndpoints, SecretCipher cipher,
            TenantService tenants, AssistantService assistants, Outbox outbox, TenantRepository tenantRows) {
        this.templates = templates;
        this.audits = audits;
        this.trail = trail;
        this.json = json;
        this.validator = new AssistantValidator(BuiltinTools.names(), egress, platformKeyEndpoints);
        this.assembler = new AssistantAssembler(cipher);
        this.tenants = tenants;
        this.assistants = assistants;
        this.outbox = outbox;
        this.tenantRows = tenantRows;
    }

    public Uni<TemplateView> create(Actor actor, TemplateInput input) {
        requirePlatform(actor);
        String assistant = checked(input.assistant());
        Instant now = now();
        TemplateEntity row = new TemplateEntity();
        row.id = UUID.randomUUID();
        row.name = input.name().strip();
        row.description = input.description();
        row.assistant = assistant;
        row.limits = writeLimits(input.limits());
        row.version = 1;
        row.createdAt = now;
        row.updatedAt = now;
        // Template changes are platform changes: their audit rows name no tenant, so only cross-tenant work sees them.
        return TenantTransactions.acrossTenants(() -> templates.count().chain(count -> {
            if (count >= MAX_TEMPLATES) {
                throw new ProblemException(Response.Status.CONFLICT,
                        "The platform already has " + MAX_TEMPLATES + " templates; delete one first.");
            }
            return uniqueName(row.name, row.id);
        }).chain(() -> templates.persist(row)).chain(() -> {
            TemplateView after = view(row);
            return audits.persist(trail.platformRow(actor, AdminChange.of(null, "template.created",
                    row.id.toString(), null, snapshot(after), "Template created"), now)).replaceWith(after);
        })).onFailure(TemplateService::isUniqueViolation).transform(e -> nameTaken());
    }

    public Uni<List<TemplateView>> list(Actor actor) {
        requirePlatform(actor);
        return Panache.withSession(() -> templates.firstByName(MAX_TEMPLATES))
                .map(rows -> rows.stream().map(this::view).toList());
    }

    public Uni<TemplateView> find(Actor actor, String templateId) {
        requirePlatform(actor);
        UUID id = templateId(templateId);
        return Panache.withSession(() -> templates.findById(id)).map(row -> view(requireFound(row)));
    }

    /** Replaces name, description and assistant, if {@code precondition} names the current version. */
    public Uni<TemplateView> update(Actor actor, String templateId, TemplateInput input, Precondition precondition) {
        requirePlatform(actor);
        UUID id = templateId(templateId);
        String assistant = checked(input.assistant());
        Instant now = now();
        // A platform change: its audit row names no tenant (see create).
        return TenantTransactions.acrossTenants(() -> templates.findById(id, PESSIMISTIC_WRITE).chain(found -> {
            TemplateEntity row = requireCurrent(requireFound(found), precondition);
            TemplateView before = view(row);
            row.name = input.name().strip();
            row.description = input.description();
            row.assistant = assistant;
            row.limits = writeLimits(input.limits());
            row.version++;
            row.updatedAt = now;
            TemplateView after = view(row);
            return uniqueName(row.name, row.id)
                    .chain(() -> audits.persist(trail.platformRow(actor, AdminChange.of(null, "template.updated",
                            row.id.toString(), snapshot(before), snapshot(after),
                            "Template version " + row.version), now)))
                    .replaceWith(after);
        })).onFailure(TemplateService::isUniqueViolation).transform(e -> nameTaken());
    }

    public Uni<Void> delete(Actor actor, String templateId, Precondition precondition) {
        requirePlatform(actor);
        UUID id = templateId(templateId);
        Instant now = now();
        // A platform change: its audit row names no tenant (see create).
        return TenantTransactions.acrossTenants(() -> templates.findById(id, PESSIMISTIC_WRITE).chain(found -> {
            TemplateEntity row = requireCurrent(requireFound(found), precondition);
            TemplateView before = view(row);
            return templates.delete(row)
                    .chain(() -> audits.persist(trail.platformRow(actor, AdminChange.of(null, "template.deleted",
                            row.id.toString(), snapshot(before), null, "Template deleted"), now)))
                    .replaceWithVoid();
        }));
    }

    /**
     * A new tenant (as {@link TenantService#create}) whose first assistant version is the template's configuration,
     * audited as {@value #FROM_TEMPLATE}. Both, or neither, are committed.
     */
    public Uni<CreatedTenant> createTenant(Actor actor, String templateId, String name) {
        requirePlatform(actor);
        UUID id = templateId(templateId);
        // The new tenant's id is chosen inside; the platform's template and the new tenant's rows are both written.
        return TenantTransactions.acrossTenants(() -> templates.findById(id).chain(found -> {
            PortableAssistant assistant = read(requireFound(found).assistant);
            TenantLimits limits = readLimits(found.limits);
            return tenants.create(actor, name)
                    // The template's limits go out with the configuration the assistant change publishes.
                    .call(created -> tenantRows.findById(created.tenant().id()).invoke(row -> row.setLimits(limits)))
                    // The tenant row must exist before the assistant change locks it.
                    .call(() -> Panache.getSession().chain(session -> session.flush()))
                    .call(created -> assistants.replace(actor, created.tenant().id().toString(),
                            assistant.toInput(), Precondition.NONE, FROM_TEMPLATE));
        })).invoke(outbox::relaySoon);
    }

    /** The JSON to store, after the checks a PUT of the assistant makes and the absence of any key. */
    private String checked(PortableAssistant assistant) {
        List<FieldError> errors = new ArrayList<>(assistant.keyErrors("assistant."));
        validator.validate(assistant.toInput())
                .forEach(e -> errors.add(new FieldError("assistant." + e.field(), e.message())));
        if (!errors.isEmpty()) {
            throw new InvalidAssistantException(errors);
        }
        String text = write(assistant);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > AssistantService.MAX_CONFIGURATION_BYTES) {
            throw new InvalidAssistantException(List.of(new FieldError("assistant", "takes " + bytes
                    + " bytes as JSON; at most " + AssistantService.MAX_CONFIGURATION_BYTES)));
        }
        return text;
    }

    private Uni<Void> uniqueName(String name, UUID self) {
        return templates.nameTaken(name, self).map(taken -> {
            if (taken) {
                throw nameTaken();
            }
            return null;
        });
    }

    private TemplateSnapshot snapshot(TemplateView template) {
        AssistantConfiguration configuration = assembler.assemble(template.id().toString(), 0,
                template.assistant().toInput(), AssistantConfiguration.platformDefaults());
        return TemplateSnapshot.of(template, AssistantSummary.of(configuration));
    }

    private TemplateView view(TemplateEntity row) {
        return new TemplateView(row.id, row.name, row.description, read(row.assistant), readLimits(row.limits),
                row.version, row.createdAt,
                row.updatedAt);
    }

    private PortableAssistant read(String text) {
        try {
            return json.readValue(text, PortableAssistant.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored template is not readable", e);
        }
    }

    private TenantLimits readLimits(String text) {
        try {
            return text == null ? TenantLimits.platformDefaults() : json.readValue(text, TenantLimits.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored template's limits are not readable", e);
        }
    }

    private String writeLimits(TenantLimits limits) {
        try {
            return limits == null || limits.equals(TenantLimits.platformDefaults())
                    ? null
                    : json.writeValueAsString(limits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a template's limits", e);
        }
    }

    private String write(PortableAssistant assistant) {
        try {
            return json.writeValueAsString(assistant);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a template", e);
        }
    }

    private static TemplateEntity requireCurrent(TemplateEntity row, Precondition precondition) {
        if (!precondition.matches(row.version)) {
            throw new ProblemException(Response.Status.PRECONDITION_FAILED, "The template is at version "
                    + row.version + " (ETag " + Precondition.etag(row.version)
                    + "), not the one If-Match names. Read it again and retry.");
        }
        return row;
    }

    private static TemplateEntity requireFound(TemplateEntity row) {
        if (row == null) {
            throw noSuchTemplate();
        }
        return row;
    }

    private static UUID templateId(String value) {
        return TenantIds.parse(value).orElseThrow(TemplateService::noSuchTemplate);
    }

    private static void requirePlatform(Actor actor) {
        if (!actor.platformWide()) {
            throw new ProblemException(Response.Status.FORBIDDEN, "Only platform administrators manage templates.");
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException nameTaken() {
        return new ProblemException(Response.Status.CONFLICT, "Another template has this name.");
    }

    private static ProblemException noSuchTemplate() {
        return ProblemException.notFound("No template with this id.");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
