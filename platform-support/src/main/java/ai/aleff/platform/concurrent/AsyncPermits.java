package ai.aleff.platform.concurrent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A semaphore that never blocks a thread: {@link #acquire()} completes when a permit is free, waiters are served
 * first come, first served. Callers hold permits across I/O that lasts seconds (model calls) and acquire them on
 * event loops, so parking a thread is not an option. Shared by agent-worker and tool-executor.
 */
public final class AsyncPermits {

    private final int limit;
    private final Queue<Waiter> waiters = new ArrayDeque<>();
    private int used;

    public AsyncPermits(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A permit limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** Completes once the caller holds a permit; it must then call {@link #release()} exactly once. */
    public Uni<Void> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(emitter);
            boolean granted;
            synchronized (this) {
                granted = used < limit;
                if (granted) {
                    used++;
                } else {
                    waiters.add(waiter);
                }
            }
            if (granted) {
                emitter.complete(null);
            } else {
                // A cancelled waiter is skipped when its turn comes, so its permit goes to the next one.
                emitter.onTermination(waiter::cancel);
            }
        });
    }

    /** Hands the permit to the oldest live waiter, or returns it. */
    public void release() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiters.poll();
                if (next == null) {
                    used--;
                    return;
                }
            }
            if (next.grant()) {
                return;
            }
        }
    }

    public synchronized int inUse() {
        return used;
    }

    public synchronized int waiting() {
        return waiters.size();
    }

    private static final class Waiter {

        private final UniEmitter<? super Void> emitter;
        private final AtomicBoolean settled = new AtomicBoolean();

        Waiter(UniEmitter<? super Void> emitter) {
            this.emitter = emitter;
        }

        boolean grant() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            emitter.complete(null);
            return true;
        }

        void cancel() {
            settled.compareAndSet(false, true);
        }
    }
}
