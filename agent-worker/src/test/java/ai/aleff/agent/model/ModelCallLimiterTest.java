package ai.aleff.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class ModelCallLimiterTest {

    private final AtomicInteger started = new AtomicInteger();
    private final List<CompletableFuture<String>> pending = new ArrayList<>();

    private Uni<String> call() {
        started.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.add(answer);
        return Uni.createFrom().completionStage(answer);
    }

    @Test
    void tenantAtItsCapWaitsWhileAnotherTenantStillGetsItsCalls() {
        // Given a cap of 2 calls per tenant and 10 in all
        ModelCallLimiter limiter = new ModelCallLimiter(2, 10);

        // When tenant A starts 5 slow calls and tenant B one
        List<CompletableFuture<String>> a = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(limiter.limit("A", this::call).subscribeAsCompletionStage());
        }
        CompletableFuture<String> b = limiter.limit("B", this::call).subscribeAsCompletionStage();

        // Then only 2 of A's calls reach the model, and B's call is not held back by A's queue
        assertThat(started).hasValue(3);
        assertThat(limiter.inFlight("A")).isEqualTo(2);
        assertThat(limiter.inFlight("B")).isEqualTo(1);

        // And when one of A's calls ends, the next waiting one of A starts
        pending.get(0).complete("done");
        assertThat(a.get(0)).isCompletedWithValue("done");
        assertThat(started).hasValue(4);
        assertThat(b).isNotDone();
    }

    @Test
    void globalCapBoundsAllTenantsTogetherAndFailedCallsGiveTheirPermitBack() {
        // Given a global cap of 2 and a generous tenant cap
        ModelCallLimiter limiter = new ModelCallLimiter(16, 2);

        // When three tenants call at once
        limiter.limit("A", this::call).subscribeAsCompletionStage();
        limiter.limit("B", this::call).subscribeAsCompletionStage();
        CompletableFuture<String> c = limiter.limit("C", this::call).subscribeAsCompletionStage();

        // Then only two calls run
        assertThat(started).hasValue(2);
        assertThat(limiter.inFlight()).isEqualTo(2);

        // And when one fails, its permit goes to the waiting tenant
        pending.get(0).completeExceptionally(new IllegalStateException("provider down"));
        assertThat(started).hasValue(3);
        pending.get(2).complete("ok");
        assertThat(c).isCompletedWithValue("ok");
        assertThat(limiter.inFlight()).isEqualTo(1);
        assertThat(limiter.inFlight("A")).isZero();
    }

    @Test
    void cancelledWaiterDoesNotKeepAPermit() {
        // Given a tenant at its cap of 1 with a second call waiting
        ModelCallLimiter limiter = new ModelCallLimiter(1, 10);
        limiter.limit("A", this::call).subscribeAsCompletionStage();
        CompletableFuture<String> waiting = limiter.limit("A", this::call).subscribeAsCompletionStage();

        // When the waiting call is cancelled and the running one ends
        waiting.cancel(true);
        pending.get(0).complete("done");

        // Then no permit is left taken and a new call starts at once
        assertThat(limiter.inFlight("A")).isZero();
        limiter.limit("A", this::call).subscribeAsCompletionStage();
        assertThat(started).hasValue(2);
    }
}
