package ai.aleff.ingress.telegram;

import java.io.IOException;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.connection.LeaseHoldingLoop;
import ai.aleff.ingress.repository.TelegramPollOffsetRepository;
import ai.aleff.ingress.telegram.TelegramUpdateNormaliser.MalformedUpdateException;
import ai.aleff.platform.lease.HeldLease;
import ai.aleff.platform.lease.Leases;

/**
 * One connection's {@code getUpdates} loop, on a virtual thread of its own. It runs only while this instance holds
 * the lease {@code telegram:<connectionId>}: it resumes from the stored offset, hands every update of a batch to the
 * intake in order, and stores the next offset (fenced by the lease) only once each of them completed; Telegram learns
 * the confirmation from the next call's offset, so an update is never confirmed before it is durable in Kafka.
 */
final class TelegramPoller extends LeaseHoldingLoop {

    private static final Logger LOG = Logger.getLogger(TelegramPoller.class);

    /** Where each update goes; completes once it is durable or known to need nothing (duplicate, ignored). */
    @FunctionalInterface
    interface Intake {
        Uni<?> accept(ChannelConnection connection, JsonNode update);
    }

    /** What a poller needs, shared by all of them. */
    record Parts(TelegramGetUpdates api, Intake intake, TelegramPollOffsetRepository offsets, Leases leases,
            TelegramPollingSettings settings, PollingReports reports, String holder) {
    }

    private final ChannelConnection connection;
    private final String token;
    private final Parts parts;

    TelegramPoller(ChannelConnection connection, String token, Parts parts) {
        super(connection, leaseName(connection.connectionId()), "telegram-poll-" + connection.connectionId(),
                parts.leases(), parts.holder(), parts.settings());
        this.connection = connection;
        this.token = token;
        this.parts = parts;
    }

    static String leaseName(String connectionId) {
        return "telegram:" + connectionId;
    }

    @Override
    protected void failed(RuntimeException e) {
        LOG.warnf("Polling connection %s failed: %s", connection.connectionId(), e.toString());
    }

    /** Polls until the lease is lost or the loop stopped; true when the token was refused (do not try again). */
    @Override
    protected boolean whileHeld(HeldLease lease) throws InterruptedException {
        long offset = parts.offsets().find(connection.tenantId(), connection.connectionId())
                .await().atMost(timing().ttl()).orElse(0L);
        LOG.debugf("Polling connection %s from offset %d (epoch %d)", connection.connectionId(), offset,
                lease.lease().epoch());
        while (!stopped() && lease.held()) {
            GetUpdatesOutcome outcome;
            try {
                outcome = parts.api().getUpdates(token, offset);
            } catch (IOException e) {
                parts.reports().failing(connection, "network error: " + e.getMessage());
                pause(backoff().next());
                continue;
            }
            switch (outcome) {
                case GetUpdatesOutcome.Updates u -> {
                    parts.reports().polling(connection);
                    backoff().reset();
                    Long next = handle(u.updates(), lease, offset);
                    if (next == null) {
                        pause(backoff().next());
                    } else if (next != offset) {
                        if (!parts.offsets().advance(connection.tenantId(), connection.connectionId(), lease.lease(),
                                next).await().atMost(timing().ttl())) {
                            LOG.infof("Connection %s: lease %s lost before its offset was stored", connection
                                    .connectionId(), leaseName());
                            return false;
                        }
                        offset = next;
                    }
                }
                case GetUpdatesOutcome.Conflict c -> {
                    parts.reports().conflict(connection, c.webhook(), c.description());
                    pause(parts.settings().conflictBackoff());
                }
                case GetUpdatesOutcome.RetryAfter r -> {
                    parts.reports().rateLimited(connection, r.retryAfter());
                    pause(r.retryAfter());
                }
                case GetUpdatesOutcome.Unauthorized a -> {
                    parts.reports().unauthorized(connection, a.status(), a.description());
                    return true;
                }
                case GetUpdatesOutcome.Failed f -> {
                    parts.reports().failing(connection, "HTTP " + f.status() + " " + f.description());
                    pause(backoff().next());
                }
            }
        }
        return false;
    }

    /**
     * Hands the batch to the intake in order; the next offset once every update completed ({@code offset} for an
     * empty batch), null when one failed (the batch is fetched again: the ones done are then duplicates).
     */
    private Long handle(List<JsonNode> updates, HeldLease lease, long offset) throws InterruptedException {
        // Telegram: the next offset is one above the highest id received (ids may restart lower after a quiet week).
        long highest = -1;
        for (JsonNode update : updates) {
            if (!lease.held() || stopped()) {
                throw new InterruptedException("lease lost or stopped during a batch");
            }
            long id = update.path("update_id").asLong(-1);
            try {
                parts.intake().accept(connection, update).await().atMost(parts.settings().intakeTimeout());
            } catch (MalformedUpdateException e) {
                LOG.warnf("Connection %s: update %d skipped: %s", connection.connectionId(), id, e.getMessage());
            } catch (RuntimeException e) {
                if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                    throw new InterruptedException("interrupted while handing update " + id);
                }
                parts.reports().failing(connection, "update " + id + " not handled: " + e);
                return null;
            }
            highest = Math.max(highest, id);
        }
        return highest < 0 ? offset : highest + 1;
    }
}
