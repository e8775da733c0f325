package ai.aleff.tenant.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** tenant-service settings. */
@ConfigMapping(prefix = "aleff.tenant")
public interface TenantSettings {

    /**
     * Bootstrap admin token that guards the admin API until Keycloak does. Deliberately without a default: a
     * guessable built-in token would be worse than none, so when unset the admin endpoints answer 503.
     */
    Optional<String> adminToken();
}
