package ai.aleff.platform.tenancy;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A tenant API key presented as {@code Authorization: Bearer ak_...}. */
public final class TenantApiKeyRequest extends BaseAuthenticationRequest {

    private final String apiKey;

    public TenantApiKeyRequest(String apiKey) {
        this.apiKey = apiKey;
    }

    public String apiKey() {
        return apiKey;
    }

    @Override
    public String toString() {
        return "TenantApiKeyRequest[apiKey=" + ApiKeys.displayPrefix(apiKey) + "...]";
    }
}
