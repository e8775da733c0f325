package ai.aleff.tenant.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.tenant.repository.ApiKeyUsageRepository;

/**
 * Keeps the key list's lastUsedAt from the services' reports. A report about an unknown key, or one older than the
 * use already known, changes nothing; a report from the future (a reporter's clock ahead) is taken as now.
 */
@ApplicationScoped
public class ApiKeyUsage {

    private final ApiKeyUsageRepository usage;

    public ApiKeyUsage(ApiKeyUsageRepository usage) {
        this.usage = usage;
    }

    public Uni<Void> used(UUID tenantId, String keyHash, Instant usedAt) {
        Instant now = Instant.now();
        Instant at = (usedAt.isAfter(now) ? now : usedAt).truncatedTo(ChronoUnit.MICROS);
        return usage.recordUse(tenantId, keyHash, at).replaceWithVoid();
    }
}
