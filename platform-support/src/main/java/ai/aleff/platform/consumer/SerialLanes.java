package ai.aleff.platform.consumer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * One serial lane per key (typically a conversation): work submitted under the same key runs one item at a time in
 * submission order, work under different keys runs concurrently. In agent-worker inbound messages and tool results of
 * a conversation share its lane, so a slow model call holds back only its own conversation, never the partition. A
 * lane exists only while it has work, so idle conversations cost nothing.
 */
public final class SerialLanes {

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /**
     * Queues the work behind the lane's earlier work; the returned stage completes with the work's own outcome.
     * A failed item does not stop the lane.
     */
    public CompletionStage<Void> submit(String key, Supplier<Uni<Void>> work) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<?>[] previous = new CompletableFuture<?>[1];
        // Only the linking happens inside compute: running work there could re-enter the map.
        tails.compute(key, (k, tail) -> {
            previous[0] = tail;
            return mine;
        });
        mine.whenComplete((ignored, error) -> tails.remove(key, mine));
        CompletableFuture<?> before = previous[0] == null ? CompletableFuture.completedFuture(null) : previous[0];
        before.whenComplete((ignored, error) -> run(work, finished, mine));
        return finished;
    }

    private static void run(Supplier<Uni<Void>> work, CompletableFuture<Void> finished,
            CompletableFuture<Void> mine) {
        Uni<Void> uni;
        try {
            uni = work.get();
        } catch (RuntimeException e) {
            finished.completeExceptionally(e);
            mine.complete(null);
            return;
        }
        // The item's outcome is settled (acked) before the lane's next item starts.
        uni.subscribe().with(ok -> {
            finished.complete(null);
            mine.complete(null);
        }, error -> {
            finished.completeExceptionally(error);
            mine.complete(null);
        });
    }

    /** Keys with work queued or running. */
    public int active() {
        return tails.size();
    }
}
