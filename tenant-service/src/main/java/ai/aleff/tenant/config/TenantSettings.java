package ai.aleff.tenant.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** tenant-service settings. */
@ConfigMapping(prefix = "aleff.tenant")
public interface TenantSettings {

    /**
     * Bootstrap admin token that guards the admin API until Keycloak does. Deliberately without a default: a
     * guessable built-in token would be worse than none, so when unset the admin endpoints answer 503.
     */
    Optional<String> adminToken();

    /**
     * The platform tools a tenant may name in its assistant configuration (its {@code tools} and its subagents'):
     * the tools tool-executor and agent-worker provide. A name outside this list is refused with 400.
     */
    @WithDefault("time_now,calculator,remember,recall,forget")
    List<String> knownTools();
}
