package ai.aleff.tenant.service;

/**
 * A freshly created identity secret with the settings it belongs to.
 *
 * @param secret the plain secret: returned once, never again
 */
public record NewIdentitySecret(String secret, EndUserIdentityView identity) {
}
