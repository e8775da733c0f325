package ai.aleff.ingress.telegram;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.connection.ChannelConnection;
import ai.aleff.ingress.repository.TelegramPollOffsetRepository;
import ai.aleff.ingress.telegram.TelegramUpdateNormaliser.MalformedUpdateException;
import ai.aleff.platform.lease.HeldLease;
import ai.aleff.platform.lease.LeaseTiming;
import ai.aleff.platform.lease.Leases;

/**
 * One connection's {@code getUpdates} loop, on a virtual thread of its own. It runs only while this instance holds
 * the lease {@code telegram:<connectionId>}: it resumes from the stored offset, hands every update of a batch to the
 * intake in order, and stores the next offset (fenced by the lease) only once each of them completed; Telegram learns
 * the confirmation from the next call's offset, so an update is never confirmed before it is durable in Kafka.
 */
final class TelegramPoller {

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
    private final String leaseName;
    private final LeaseTiming timing;
    private final PollBackoff backoff;
    private volatile boolean stopped;
    private volatile boolean crashed;
    private volatile HeldLease held;
    private volatile Thread thread;

    TelegramPoller(ChannelConnection connection, String token, Parts parts) {
        this.connection = connection;
        this.token = token;
        this.parts = parts;
        this.leaseName = leaseName(connection.connectionId());
        this.timing = new LeaseTiming(parts.settings().leaseTtl(), parts.settings().leaseRenewInterval());
        this.backoff = new PollBackoff(parts.settings().errorBackoff(), parts.settings().maxErrorBackoff());
    }

    static String leaseName(String connectionId) {
        return "telegram:" + connectionId;
    }

    ChannelConnection connection() {
        return connection;
    }

    void start() {
        thread = Thread.ofVirtual().name("telegram-poll-" + connection.connectionId()).start(this::run);
    }

    /** Stops the loop and releases the lease, so another instance takes over at once. */
    void stop() {
        stopped = true;
        interrupt();
    }

    /** Stops the loop without releasing the lease, as when the process is killed: the lease runs out by its ttl. */
    void crash() {
        crashed = true;
        stopped = true;
        HeldLease lease = held;
        if (lease != null) {
            lease.abandon();
        }
        interrupt();
    }

    boolean awaitEnd(Duration wait) throws InterruptedException {
        Thread t = thread;
        return t == null || t.join(wait);
    }

    private void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            try {
                Optional<HeldLease> lease = parts.leases().tryHold(leaseName, parts.holder(), timing, this::interrupt);
                if (lease.isEmpty()) {
                    Thread.sleep(parts.settings().acquireInterval());
                    continue;
                }
                held = lease.get();
                try {
                    boolean unauthorized = pollWhileHeld(lease.get());
                    if (unauthorized) {
                        return;
                    }
                } finally {
                    // A stop or a lost lease may have interrupted us; the release below must still run.
                    Thread.interrupted();
                    if (!crashed) {
                        lease.get().close();
                    }
                    held = null;
                }
            } catch (InterruptedException e) {
                // Lost the lease or told to stop: the loop condition decides.
                Thread.interrupted();
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                // The database (lease, offsets) is unreachable: try again later, the lease expires by itself.
                LOG.warnf("Polling connection %s failed: %s", connection.connectionId(), e.toString());
                if (!pause(backoff.next())) {
                    return;
                }
            }
        }
    }

    /** Polls until the lease is lost or the loop stopped; true when the token was refused (do not try again). */
    private boolean pollWhileHeld(HeldLease lease) throws InterruptedException {
        long offset = parts.offsets().find(connection.tenantId(), connection.connectionId())
                .await().atMost(timing.ttl()).orElse(0L);
        LOG.debugf("Polling connection %s from offset %d (epoch %d)", connection.connectionId(), offset,
                lease.lease().epoch());
        while (!stopped && lease.held()) {
            GetUpdatesOutcome outcome;
            try {
                outcome = parts.api().getUpdates(token, offset);
            } catch (IOException e) {
                parts.reports().failing(connection, "network error: " + e.getMessage());
                pause(backoff.next());
                continue;
            }
            switch (outcome) {
                case GetUpdatesOutcome.Updates u -> {
                    parts.reports().polling(connection);
                    backoff.reset();
                    Long next = handle(u.updates(), lease, offset);
                    if (next == null) {
                        pause(backoff.next());
                    } else if (next != offset) {
                        if (!parts.offsets().advance(connection.tenantId(), connection.connectionId(), lease.lease(),
                                next).await().atMost(timing.ttl())) {
                            LOG.infof("Connection %s: lease %s lost before its offset was stored", connection
                                    .connectionId(), leaseName);
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
                    pause(backoff.next());
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
            if (!lease.held() || stopped) {
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

    /** Sleeps unless stopped; false when stopped. Interruption (lease lost) ends the sleep and is kept. */
    private boolean pause(Duration wait) {
        if (stopped) {
            return false;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !stopped;
    }
}
