package ai.aleff.tenant.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import ai.aleff.contracts.events.TenantLimits;

/** A tenant's own limits; a field left out or null means the platform default. */
public record TenantLimitsRequest(
        @Min(value = 1, message = "must be 1 to 1000000") @Max(value = TenantLimits.MAX_VALUE, message = "must be 1 to 1000000") Integer messagesPerMinute,
        @Min(value = 1, message = "must be 1 to 1000000") @Max(value = TenantLimits.MAX_VALUE, message = "must be 1 to 1000000") Integer messagesPerMinutePerKey,
        @Min(value = 1, message = "must be 1 to 1000000") @Max(value = TenantLimits.MAX_VALUE, message = "must be 1 to 1000000") Integer concurrentStreams,
        @Min(value = 1, message = "must be 1 to 1000000") @Max(value = TenantLimits.MAX_VALUE, message = "must be 1 to 1000000") Integer conversationsPerDay,
        @Min(value = 1, message = "must be 1 to 1000000000000") @Max(value = TenantLimits.MAX_TOKENS, message = "must be 1 to 1000000000000") Long tokensPerDay,
        @Min(value = 1, message = "must be 1 to 1000000000000") @Max(value = TenantLimits.MAX_TOKENS, message = "must be 1 to 1000000000000") Long tokensPerMonth) {

    TenantLimits limits() {
        return new TenantLimits(messagesPerMinute, messagesPerMinutePerKey, concurrentStreams, conversationsPerDay,
                tokensPerDay, tokensPerMonth);
    }
}
