package ai.aleff.tenant.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.tenant.service.NewApiKey;

/** A new key with the key itself: the only time it is ever shown. */
public record CreatedApiKeyResponse(
        @Schema(description = "The API key (ak_...). Shown only in this response; store it now.") String apiKey,
        ApiKeyResponse key) {

    static CreatedApiKeyResponse of(NewApiKey created) {
        return new CreatedApiKeyResponse(created.apiKey(), ApiKeyResponse.of(created.key()));
    }
}
