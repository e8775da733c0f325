package ai.aleff.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class SerialLanesTest {

    private final SerialLanes lanes = new SerialLanes();
    private final List<String> started = new CopyOnWriteArrayList<>();

    private CompletionStage<Void> submit(String key, String name, CompletableFuture<Void> finish) {
        return lanes.submit(key, () -> {
            started.add(name);
            return Uni.createFrom().completionStage(finish);
        });
    }

    @Test
    void workOfOneConversationRunsOneAtATimeInSubmissionOrder() {
        // Given three messages of one conversation
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<Void> third = new CompletableFuture<>();
        submit("t/c1", "m1", first);
        submit("t/c1", "m2", second);
        CompletionStage<Void> last = submit("t/c1", "m3", third);

        // Then only the first runs until it is done
        assertThat(started).containsExactly("m1");
        first.complete(null);
        assertThat(started).containsExactly("m1", "m2");
        second.complete(null);
        third.complete(null);
        assertThat(started).containsExactly("m1", "m2", "m3");
        assertThat(last.toCompletableFuture()).isCompleted();
        assertThat(lanes.active()).isZero();
    }

    @Test
    void differentConversationsRunConcurrently() {
        // When two conversations each submit slow work
        submit("t/c1", "a", new CompletableFuture<>());
        submit("t/c2", "b", new CompletableFuture<>());

        // Then both run although neither finished
        assertThat(started).containsExactlyInAnyOrder("a", "b");
        assertThat(lanes.active()).isEqualTo(2);
    }

    @Test
    void failedWorkIsReportedAndTheLaneGoesOn() {
        // Given a first item that fails
        CompletableFuture<Void> failing = new CompletableFuture<>();
        CompletionStage<Void> outcome = submit("t/c1", "bad", failing);
        CompletionStage<Void> next = submit("t/c1", "good", CompletableFuture.completedFuture(null));

        // When it fails
        failing.completeExceptionally(new IllegalStateException("database down"));

        // Then its own outcome is the failure and the next item still runs
        assertThat(outcome.toCompletableFuture()).isCompletedExceptionally();
        assertThat(started).containsExactly("bad", "good");
        assertThat(next.toCompletableFuture()).isCompleted().isNotCompletedExceptionally();
    }

    @Test
    void workThatThrowsBeforeReturningDoesNotStallTheLane() {
        // Given work that throws instead of returning a Uni, followed by more work
        CompletionStage<Void> thrown = lanes.submit("t/c1", () -> {
            throw new IllegalArgumentException("bad record");
        });
        CompletionStage<Void> next = submit("t/c1", "after", CompletableFuture.completedFuture(null));

        // Then the throw is its outcome and the following work runs
        assertThat(thrown.toCompletableFuture()).isCompletedExceptionally();
        assertThat(next.toCompletableFuture()).isCompleted();
        assertThat(started).containsExactly("after");
    }
}
