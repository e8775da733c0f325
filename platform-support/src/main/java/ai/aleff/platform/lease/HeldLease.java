package ai.aleff.platform.lease;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * A lease its holder has, renewed on a virtual thread of its own. {@link #held()} is the holder's belief, on its
 * monotonic clock: true until the deadline of the last successful acquire or renew (counted from when that
 * statement was sent, so never after the database's expiry, see {@link LeaseTiming}), and false at once when a
 * renewal finds the lease gone. The work guarded by the lease checks it before every step and fences its durable
 * writes with {@link LeaseTable#stillHeld(int)}, because a belief can be out of date by the time a write lands.
 */
public final class HeldLease implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeldLease.class);

    private final Leases leases;
    private final LeaseTiming timing;
    private final Runnable onLost;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Lease lease;
    private volatile long deadline;
    private volatile boolean lost;
    private Thread renewer;

    private HeldLease(Leases leases, Lease lease, long sentAt, LeaseTiming timing, Runnable onLost) {
        this.leases = leases;
        this.lease = lease;
        this.timing = timing;
        this.onLost = onLost;
        this.deadline = sentAt + timing.ttl().toNanos();
    }

    static HeldLease start(Leases leases, Lease lease, long sentAt, LeaseTiming timing, Runnable onLost) {
        HeldLease held = new HeldLease(leases, lease, sentAt, timing, onLost);
        held.renewer = Thread.ofVirtual().name("lease-renew-" + lease.name()).start(held::renewUntilEnded);
        return held;
    }

    public Lease lease() {
        return lease;
    }

    /** Whether the holder may still act on the lease. */
    public boolean held() {
        return !lost && !ended.get() && System.nanoTime() - deadline < 0;
    }

    /** Stops renewing and releases the lease, so another instance may take it at once. */
    @Override
    public void close() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        renewer.interrupt();
        if (!lost) {
            try {
                leases.release(lease).await().atMost(timing.ttl());
            } catch (RuntimeException e) {
                // It expires by itself within the ttl.
                LOG.debugf("Releasing lease %s failed: %s", lease.name(), e.toString());
            }
        }
    }

    /**
     * Stops renewing without releasing, as when the holder's process dies: the lease stays taken until it expires.
     * For fault tests of the failover.
     */
    public void abandon() {
        if (ended.compareAndSet(false, true)) {
            renewer.interrupt();
        }
    }

    private void renewUntilEnded() {
        long interval = timing.renewInterval().toNanos();
        long next = System.nanoTime() + interval;
        while (!ended.get() && !lost) {
            try {
                sleepNanos(next - System.nanoTime());
            } catch (InterruptedException e) {
                return;
            }
            if (ended.get()) {
                return;
            }
            long sentAt = System.nanoTime();
            long remaining = deadline - sentAt;
            if (remaining <= 0) {
                lose("its deadline passed without a renewal");
                return;
            }
            try {
                Optional<Lease> renewed = leases.renew(lease, timing.ttl()).await()
                        .atMost(Duration.ofNanos(remaining));
                if (renewed.isEmpty()) {
                    lose("another holder took it or it expired");
                    return;
                }
                lease = renewed.get();
                deadline = sentAt + timing.ttl().toNanos();
                next = sentAt + interval;
            } catch (RuntimeException e) {
                if (ended.get()) {
                    return;
                }
                // Retry soon: two more tries fit before the deadline.
                LOG.warnf("Renewing lease %s failed (%s); retrying", lease.name(), e.toString());
                next = System.nanoTime() + interval / 3;
            }
        }
    }

    private void lose(String why) {
        lost = true;
        if (!ended.get()) {
            LOG.warnf("Lease %s (epoch %d) lost: %s", lease.name(), lease.epoch(), why);
            onLost.run();
        }
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(Duration.ofNanos(nanos));
        }
    }
}
