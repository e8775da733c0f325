package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;
import ai.aleff.platform.outbox.SessionOutbox;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.tenant.repository.AdminAuditRepository;
import ai.aleff.tenant.repository.ApiKeyRepository;
import ai.aleff.tenant.repository.AssistantVersionEntity;
import ai.aleff.tenant.repository.AssistantVersionRepository;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;
import ai.aleff.tenant.service.ConfigurationResealer.Failure;
import ai.aleff.tenant.service.SecretReEncryptionReport.FailedSecret;

/**
 * The platform-key rotation pass (docs/security.md, "Secret keys and rotation"): every key stored in tenant-service
 * (every assistant version of every tenant, identity secrets, channel credentials; templates hold none) that is not
 * bound to its place under the active
 * platform key is sealed again. Each tenant is one transaction holding its row lock, the same lock every assistant
 * change takes, so the pass and an edit never interleave, and a second pass finds nothing to do. A tenant whose
 * current version changed publishes its configuration again (a new tenant version), so workers get the new
 * ciphertexts, and its administrative audit records the pass.
 */
@ApplicationScoped
public class SecretReEncryption {

    static final String ACTION = "tenant.secrets.re-encrypted";
    static final int MAX_LISTED_FAILURES = 100;
    private static final Logger LOG = Logger.getLogger(SecretReEncryption.class);

    private final TenantRepository tenants;
    private final TenantPass pass;
    private final AssistantVersionRepository versions;
    private final ApiKeyRepository keys;
    private final TenantConfigurations configurations;
    private final AdminAuditTrail trail;
    private final AdminAuditRepository audits;
    private final Outbox outbox;
    private final SessionOutbox sessionOutbox;
    private final SecretCipher cipher;
    private final ConfigurationResealer resealer;
    private final ChannelCredentialResealer channels;
    private final ObjectMapper json;

    public SecretReEncryption(TenantRepository tenants, AssistantVersionRepository versions, ApiKeyRepository keys,
            TenantConfigurations configurations, AdminAuditTrail trail, AdminAuditRepository audits, Outbox outbox,
            SecretCipher cipher, ObjectMapper json, ChannelCredentialResealer channels) {
        this.tenants = tenants;
        this.pass = new TenantPass(tenants);
        this.versions = versions;
        this.keys = keys;
        this.configurations = configurations;
        this.trail = trail;
        this.audits = audits;
        this.outbox = outbox;
        this.sessionOutbox = new SessionOutbox(outbox);
        this.cipher = cipher;
        this.resealer = new ConfigurationResealer(cipher);
        this.channels = channels;
        this.json = json;
    }

    /** One pass over every tenant. */
    public Uni<SecretReEncryptionReport> run(Actor actor) {
        if (!actor.platformWide()) {
            return Uni.createFrom().failure(new ProblemException(Response.Status.FORBIDDEN,
                    "Only platform administrators re-encrypt the platform's secrets."));
        }
        if (!cipher.canEncrypt()) {
            return Uni.createFrom().failure(new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "No platform secret key is active (aleff.secrets.active-key), so nothing can be re-encrypted."));
        }
        Tally tally = new Tally();
        return pass.forEach(id -> tenant(actor, id, tally)).invoke(outbox::relaySoon).map(ignored -> {
            SecretReEncryptionReport report = tally.report(cipher.activeKeyId());
            LOG.infof("Secret re-encryption by %s: %d tenants, %d re-encrypted, %d already current, %d failed",
                    actor.subject(), report.tenants(), report.reEncrypted(), report.alreadyCurrent(),
                    report.failed());
            return report;
        });
    }

    private Uni<Void> tenant(Actor actor, UUID id, Tally tally) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TenantTally own = new TenantTally();
        return TenantTransactions.inTenant(id, () -> tenants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(tenant -> tenant == null
                        ? Uni.createFrom().voidItem()
                        : channels.reseal(id, now).invoke(own::add)
                                .chain(() -> versions.ofTenant(id))
                                .chain(rows -> rewrite(actor, tenant, rows, own, now))))
                .invoke(() -> tally.add(own))
                .onFailure()
                .recoverWithItem(e -> {
                    // The tenant's transaction rolled back: none of its keys changed, so none counts as done.
                    LOG.warnf("Secret re-encryption of tenant %s failed: %s", id, e.toString());
                    tally.tenantFailed(id, e.getMessage());
                    return null;
                });
    }

    private Uni<Void> rewrite(Actor actor, TenantEntity tenant, List<AssistantVersionEntity> rows, TenantTally own,
            Instant now) {
        AssistantConfiguration current = null;
        boolean currentChanged = false;
        for (AssistantVersionEntity row : rows) {
            ConfigurationResealer.Result result = resealer.reseal(tenant.id.toString(), read(row));
            own.add(result);
            if (result.changed()) {
                row.configuration = write(result.configuration());
            }
            if (tenant.assistantVersion != null && row.version == tenant.assistantVersion) {
                current = result.configuration();
                currentChanged = result.changed();
            }
        }
        boolean identityChanged = resealIdentitySecret(tenant, own);
        if (tenant.deleted() || (!currentChanged && !identityChanged && own.channelsReEncrypted == 0)) {
            return Uni.createFrom().voidItem();
        }
        AdminAuditTrail.Entry entry = trail.entry(actor, tenant.id, AdminChange.of(null, ACTION,
                tenant.id.toString(), null, null, own.reEncrypted + " stored secrets re-encrypted under platform key "
                        + cipher.activeKeyId()),
                now);
        if (!currentChanged && !identityChanged) {
            // Only channel credentials changed: their connections published their own records; audit the pass.
            return audits.persist(entry.row())
                    .chain(() -> Panache.getSession().chain(session -> sessionOutbox.add(session,
                            List.of(entry.event()))))
                    .replaceWithVoid();
        }
        tenant.version++;
        own.republished = true;
        AssistantConfiguration published = current;
        return audits.persist(entry.row())
                .chain(() -> keys.ofTenant(tenant.id))
                .map(tenantKeys -> List.<CloudEvent<?>>of(configurations.changed(tenant, published, tenantKeys, now),
                        entry.event()))
                .chain(events -> Panache.getSession().chain(session -> sessionOutbox.add(session, events)))
                .replaceWithVoid();
    }

    /**
     * The tenant's identity secret (end-user verification), sealed again at its own place when it is not current;
     * whether it changed. A failure is counted like a model key's and leaves the secret as it was.
     */
    private boolean resealIdentitySecret(TenantEntity tenant, TenantTally own) {
        EncryptedSecret secret = tenant.endUsers().identitySecret();
        if (secret == null || tenant.deleted()) {
            return false;
        }
        if (cipher.isCurrent(secret)) {
            own.current++;
            return false;
        }
        SecretPlace place = SecretPlace.named(tenant.id.toString(), SecretPlace.IDENTITY_SECRET);
        try {
            tenant.setIdentitySecret(cipher.reseal(place, place, secret), tenant.identitySecretCreatedAt);
            own.reEncrypted++;
            return true;
        } catch (RuntimeException e) {
            own.failures.add(new ConfigurationResealer.Failure(tenant.id.toString(), 0, SecretPlace.IDENTITY_SECRET,
                    e.getMessage()));
            return false;
        }
    }

    private AssistantConfiguration read(AssistantVersionEntity row) {
        try {
            return json.readValue(row.configuration, AssistantConfiguration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("assistant version " + row.version + " is not readable", e);
        }
    }

    private String write(AssistantConfiguration configuration) {
        try {
            return json.writeValueAsString(configuration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an assistant configuration", e);
        }
    }

    /** One tenant's counts, added to the pass's only once its transaction committed. */
    private static final class TenantTally {
        private int reEncrypted;
        private int current;
        private int channelsReEncrypted;
        private boolean republished;
        private final List<Failure> failures = new ArrayList<>();

        void add(ConfigurationResealer.Result result) {
            reEncrypted += result.reEncrypted();
            current += result.current();
            failures.addAll(result.failures());
        }

        void add(ChannelCredentialResealer.Result result) {
            reEncrypted += result.reEncrypted();
            channelsReEncrypted += result.reEncrypted();
            current += result.current();
            failures.addAll(result.failures());
        }
    }

    /** The pass's counts; the pass is sequential, so one thread at a time touches it. */
    private static final class Tally {
        private int tenants;
        private int reEncrypted;
        private int current;
        private int failed;
        private int republished;
        private final List<FailedSecret> failures = new ArrayList<>();

        void add(TenantTally own) {
            tenants++;
            reEncrypted += own.reEncrypted;
            current += own.current;
            republished += own.republished ? 1 : 0;
            failed += own.failures.size();
            own.failures.forEach(f -> list(new FailedSecret(f.tenantId(), f.assistantVersion(), f.entry(),
                    f.reason())));
        }

        void tenantFailed(UUID tenantId, String reason) {
            tenants++;
            failed++;
            list(new FailedSecret(tenantId.toString(), 0, "*", "the tenant's storage could not be rewritten: "
                    + reason));
        }

        private void list(FailedSecret failure) {
            if (failures.size() < MAX_LISTED_FAILURES) {
                failures.add(failure);
            }
        }

        SecretReEncryptionReport report(String activeKeyId) {
            return new SecretReEncryptionReport(activeKeyId, tenants, reEncrypted, current, failed,
                    List.copyOf(failures), republished);
        }
    }
}
