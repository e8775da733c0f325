package ai.aleff.agent.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/**
 * Decides whether a new message's tenant may be served. The directory may be a moment behind (a worker that just
 * started, a tenant created a second ago), so a message of a tenant not known yet waits, without holding a thread:
 * as long as the directory has not read the configuration topic to its end, and then up to
 * {@code aleff.agent.unknown-tenant-grace}.
 */
@ApplicationScoped
public class TenantGate {

    /** The verdict on a message. */
    public enum Admission {
        ADMITTED, UNKNOWN_TENANT, DISABLED_TENANT
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final TenantDirectory directory;
    private final AgentSettings settings;

    public TenantGate(TenantDirectory directory, AgentSettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    public Uni<Admission> admit(String tenantId) {
        return check(tenantId, Instant.now().plus(settings.unknownTenantGrace()));
    }

    private Uni<Admission> check(String tenantId, Instant deadline) {
        Optional<TenantView> tenant = directory.find(tenantId);
        if (tenant.isPresent()) {
            return Uni.createFrom().item(tenant.get().active() ? Admission.ADMITTED : Admission.DISABLED_TENANT);
        }
        if (directory.isCaughtUp() && Instant.now().isAfter(deadline)) {
            return Uni.createFrom().item(Admission.UNKNOWN_TENANT);
        }
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(POLL)
                .chain(() -> check(tenantId, directory.isCaughtUp()
                        ? deadline
                        : Instant.now().plus(
                                settings.unknownTenantGrace())));
    }
}
