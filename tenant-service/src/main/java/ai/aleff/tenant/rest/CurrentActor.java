package ai.aleff.tenant.rest;

import jakarta.enterprise.context.RequestScoped;

import ai.aleff.tenant.service.Actor;

/**
 * The {@link Actor} of the current request, from its authentication. Today the admin API's only credential is the
 * bootstrap token ({@link AdminAuthenticated}), which acts as a platform administrator named
 * {@value #BOOTSTRAP_SUBJECT}. With OIDC this becomes: subject = the token's {@code sub}, a platform administrator
 * role gives {@link Actor#platform}, a tenant administrator role with the token's tenant claim gives
 * {@link Actor#ofTenant}; nothing else changes.
 */
@RequestScoped
public class CurrentActor {

    static final String BOOTSTRAP_SUBJECT = "bootstrap-token";

    public Actor actor() {
        return Actor.platform(BOOTSTRAP_SUBJECT);
    }
}
