package ai.aleff.testkit.channels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One emulated bot's pending updates and what was done with them, as Telegram keeps them: updates wait until a
 * {@code getUpdates} call with a higher offset confirms them, after which they are gone for good. A newer
 * {@code getUpdates} of the same bot ends a waiting older one with 409, as Telegram does with two pollers.
 */
final class TelegramBotQueue {

    /** What one getUpdates call gets: updates, or an error answer. */
    record Answer(List<ObjectNode> updates, int status, String description, Integer retryAfter) {

        static Answer updates(List<ObjectNode> updates) {
            return new Answer(updates, 200, null, null);
        }

        static Answer error(int status, String description, Integer retryAfter) {
            return new Answer(List.of(), status, description, retryAfter);
        }
    }

    static final String CONFLICT_POLLER = "Conflict: terminated by other getUpdates request; "
            + "make sure that only one bot instance is running";
    static final String CONFLICT_WEBHOOK = "Conflict: can't use getUpdates method while webhook is active; "
            + "use deleteWebhook to delete the webhook first";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Unconfirmed updates by id, in id order. */
    private final LinkedHashMap<Long, ObjectNode> pending = new LinkedHashMap<>();
    private final Map<Long, Integer> handouts = new LinkedHashMap<>();
    private final Map<Long, Integer> handoutsAfterConfirmation = new LinkedHashMap<>();
    private final List<Long> confirmed = new ArrayList<>();
    private final List<Long> requestedOffsets = new ArrayList<>();
    private final List<java.time.Instant> callTimes = new ArrayList<>();
    private long nextUpdateId;
    private long generation;
    /** Calls up to this generation had their connection cut ({@link #cutWaitingPolls}): they end without an answer. */
    private long cutUpTo;
    private int calls;
    private int conflicts;
    private boolean webhookActive;
    private boolean revoked;
    private int rateLimitedCalls;
    private int retryAfter;
    private boolean closed;

    TelegramBotQueue(long firstUpdateId) {
        this.nextUpdateId = firstUpdateId;
    }

    long add(ObjectNode update) {
        lock.lock();
        try {
            long id = nextUpdateId++;
            update.put("update_id", id);
            pending.put(id, update);
            changed.signalAll();
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** Serves one getUpdates call; waits up to {@code timeoutSeconds} for an update when there is none. */
    Answer getUpdates(long offset, int limit, int timeoutSeconds) throws InterruptedException {
        lock.lock();
        try {
            calls++;
            requestedOffsets.add(offset);
            callTimes.add(java.time.Instant.now());
            if (revoked) {
                return Answer.error(401, "Unauthorized", null);
            }
            if (webhookActive) {
                return Answer.error(409, CONFLICT_WEBHOOK, null);
            }
            if (rateLimitedCalls > 0) {
                rateLimitedCalls--;
                return Answer.error(429, "Too Many Requests: retry after " + retryAfter, retryAfter);
            }
            long mine = ++generation;
            changed.signalAll();
            confirmBelow(offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (pending.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
                if (mine <= cutUpTo) {
                    return Answer.updates(List.of());
                }
                if (generation != mine) {
                    conflicts++;
                    return Answer.error(409, CONFLICT_POLLER, null);
                }
            }
            List<ObjectNode> batch = new ArrayList<>();
            for (Map.Entry<Long, ObjectNode> e : pending.entrySet()) {
                if (batch.size() == Math.max(1, Math.min(limit, 100))) {
                    break;
                }
                handouts.merge(e.getKey(), 1, Integer::sum);
                batch.add(e.getValue().deepCopy());
            }
            return Answer.updates(batch);
        } finally {
            lock.unlock();
        }
    }

    /** Telegram: an offset confirms every update below it; a negative one keeps only the last -offset updates. */
    private void confirmBelow(long offset) {
        if (offset < 0) {
            long keep = -offset;
            List<Long> ids = new ArrayList<>(pending.keySet());
            for (int i = 0; i < ids.size() - keep; i++) {
                confirm(ids.get(i));
            }
            return;
        }
        for (Long id : new ArrayList<>(pending.keySet())) {
            if (id < offset) {
                confirm(id);
            }
        }
        // An update confirmed earlier and asked for again would be handed out after its confirmation: counted so a
        // test sees it, although Telegram itself no longer has it.
        for (Long id : confirmed) {
            if (id >= offset && offset > 0) {
                handoutsAfterConfirmation.merge(id, 1, Integer::sum);
            }
        }
    }

    private void confirm(long id) {
        pending.remove(id);
        confirmed.add(id);
    }

    <T> T read(java.util.function.Supplier<T> reading) {
        lock.lock();
        try {
            return reading.get();
        } finally {
            lock.unlock();
        }
    }

    Map<Long, Integer> handouts() {
        return read(() -> Map.copyOf(handouts));
    }

    Map<Long, Integer> handoutsAfterConfirmation() {
        return read(() -> Map.copyOf(handoutsAfterConfirmation));
    }

    List<Long> confirmed() {
        return read(() -> List.copyOf(confirmed));
    }

    List<Long> pendingIds() {
        return read(() -> List.copyOf(pending.keySet()));
    }

    List<Long> requestedOffsets() {
        return read(() -> List.copyOf(requestedOffsets));
    }

    List<java.time.Instant> callTimes() {
        return read(() -> List.copyOf(callTimes));
    }

    int calls() {
        return read(() -> calls);
    }

    int conflicts() {
        return read(() -> conflicts);
    }

    /** The connections of the waiting calls are gone (their poller was killed): they end, handing out nothing. */
    void cutWaitingPolls() {
        update(() -> cutUpTo = generation);
    }

    void webhookActive(boolean active) {
        update(() -> webhookActive = active);
    }

    int revoke() {
        lock.lock();
        try {
            revoked = true;
            changed.signalAll();
            return calls;
        } finally {
            lock.unlock();
        }
    }

    void rateLimit(int calls, int retryAfterSeconds) {
        update(() -> {
            rateLimitedCalls = calls;
            retryAfter = retryAfterSeconds;
        });
    }

    void close() {
        update(() -> closed = true);
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
