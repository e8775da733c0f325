package ai.aleff.ingress.connection;

import java.time.Duration;
import java.util.Optional;

import ai.aleff.platform.lease.HeldLease;
import ai.aleff.platform.lease.LeaseTiming;
import ai.aleff.platform.lease.Leases;

/**
 * One connection's loop on a virtual thread of its own that works only while this instance holds the connection's
 * lease: take the lease (or wait {@code acquire-interval} and try again), work while it is held, release it (unless
 * crashed), and back off when the database is unreachable. Subclasses say what "work" is (Telegram
 * {@code getUpdates}, a Slack Socket Mode WebSocket, later a Discord Gateway session).
 */
public abstract class LeaseHoldingLoop {

    private final ChannelConnection connection;
    private final String leaseName;
    private final String threadName;
    private final Leases leases;
    private final String holder;
    private final LeaseTiming timing;
    private final Duration acquireInterval;
    private final PollBackoff backoff;
    private volatile boolean stopped;
    private volatile boolean crashed;
    private volatile HeldLease held;
    private volatile Thread thread;

    protected LeaseHoldingLoop(ChannelConnection connection, String leaseName, String threadName, Leases leases,
            String holder, LeasedConnectionSettings settings) {
        this.connection = connection;
        this.leaseName = leaseName;
        this.threadName = threadName;
        this.leases = leases;
        this.holder = holder;
        this.timing = new LeaseTiming(settings.leaseTtl(), settings.leaseRenewInterval());
        this.acquireInterval = settings.acquireInterval();
        this.backoff = new PollBackoff(settings.errorBackoff(), settings.maxErrorBackoff());
    }

    /** Works while {@code lease} is held and the loop runs; true when the platform refused the credential. */
    protected abstract boolean whileHeld(HeldLease lease) throws InterruptedException;

    /** The lease (database) could not be taken or renewed; the loop backs off and tries again. */
    protected abstract void failed(RuntimeException e);

    /** After each holding, before the lease is released: closes what the holding opened. */
    protected void afterHolding() {
    }

    public ChannelConnection connection() {
        return connection;
    }

    public void start() {
        thread = Thread.ofVirtual().name(threadName).start(this::run);
    }

    /** Stops the loop and releases the lease, so another instance takes over at once. */
    public void stop() {
        stopped = true;
        interrupt();
    }

    /** Stops the loop without releasing the lease, as when the process is killed: the lease runs out by its ttl. */
    public void crash() {
        crashed = true;
        stopped = true;
        HeldLease lease = held;
        if (lease != null) {
            lease.abandon();
        }
        interrupt();
    }

    public boolean awaitEnd(Duration wait) throws InterruptedException {
        Thread t = thread;
        return t == null || t.join(wait);
    }

    protected final boolean stopped() {
        return stopped;
    }

    protected final String leaseName() {
        return leaseName;
    }

    protected final LeaseTiming timing() {
        return timing;
    }

    protected final PollBackoff backoff() {
        return backoff;
    }

    /** Sleeps unless stopped; false when stopped. Interruption (lease lost) ends the sleep and is kept. */
    protected final boolean pause(Duration wait) {
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

    private void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            try {
                Optional<HeldLease> lease = leases.tryHold(leaseName, holder, timing, this::interrupt);
                if (lease.isEmpty()) {
                    Thread.sleep(acquireInterval);
                    continue;
                }
                held = lease.get();
                try {
                    if (whileHeld(lease.get())) {
                        return;
                    }
                } finally {
                    // A stop or a lost lease may have interrupted us; the clean-up and release below must still run.
                    Thread.interrupted();
                    afterHolding();
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
                // The database is unreachable: try again later, the lease expires by itself.
                failed(e);
                if (!pause(backoff.next())) {
                    return;
                }
            }
        }
    }
}
