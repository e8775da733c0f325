package ai.aleff.ingress.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.aleff.contracts.events.ApiKeyUsed;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.messaging.EventPublisher;

/**
 * Tells tenant-service that a key was used, at most once per key every {@code aleff.ingress.key-use.report-interval}
 * on this instance, and never on the request's path: the report is published in the background and its failure only
 * logged (the next use after the interval reports again). Not through an outbox: "last used" is advisory, and a lost
 * report costs at most one interval of accuracy.
 */
@ApplicationScoped
public class KeyUseReports {

    private static final Logger LOG = Logger.getLogger(KeyUseReports.class);

    private final EventPublisher publisher;
    private final AuditTrail audit;
    private final KeyUseSettings settings;
    private final Map<String, Instant> lastReported = new ConcurrentHashMap<>();

    public KeyUseReports(EventPublisher publisher, AuditTrail audit, KeyUseSettings settings) {
        this.publisher = publisher;
        this.audit = audit;
        this.settings = settings;
    }

    /** The key with this hash was just used by its tenant; returns at once. */
    public void used(String tenantId, String keyHash) {
        Instant now = Instant.now();
        Instant due = now.minus(settings.reportInterval());
        boolean[] report = {false};
        lastReported.compute(keyHash, (hash, last) -> {
            if (last == null || !last.isAfter(due)) {
                report[0] = true;
                return now;
            }
            return last;
        });
        if (!report[0]) {
            return;
        }
        if (lastReported.size() > settings.maxTracked()) {
            lastReported.entrySet().removeIf(e -> !e.getValue().isAfter(due));
        }
        String reportId = UUID.randomUUID().toString();
        CloudEvent<ApiKeyUsed> event = CloudEvent.of(audit.service(), reportId, tenantId, null, now,
                new ApiKeyUsed(reportId, tenantId, keyHash, now));
        publisher.publishAll(List.of(event)).subscribe().with(done -> {
        }, e -> {
            lastReported.remove(keyHash, now);
            LOG.debugf("Reporting an API key's use failed (reported again at its next use): %s", e.toString());
        });
    }
}
