package ai.aleff.tenant.service;

/** A key just made, with the key itself: it exists nowhere else after this response. */
public record NewApiKey(ApiKeyView key, String apiKey) {
}
