package ai.aleff.tenant.service;

import java.util.Optional;
import java.util.UUID;

/**
 * Who makes an administrative change: the subject of the credential (recorded in the administrative audit) and the
 * tenant it is limited to. The rest layer builds it from the request's authentication; the services only ask it
 * what it may touch, so moving from the bootstrap token to OIDC roles changes how it is built, not how it is used.
 *
 * @param subject the credential's subject, e.g. an OIDC {@code sub} or {@code bootstrap-token}
 * @param tenantScope the one tenant a tenant administrator may administer; empty for a platform administrator
 */
public record Actor(String subject, Optional<UUID> tenantScope) {

    public Actor {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("An actor needs a subject");
        }
    }

    /** A platform administrator: any tenant. */
    public static Actor platform(String subject) {
        return new Actor(subject, Optional.empty());
    }

    /** A tenant administrator: that tenant only. */
    public static Actor ofTenant(String subject, UUID tenantId) {
        return new Actor(subject, Optional.of(tenantId));
    }

    public boolean platformWide() {
        return tenantScope.isEmpty();
    }

    public boolean mayAdminister(UUID tenantId) {
        return tenantScope.map(tenantId::equals).orElse(true);
    }
}
