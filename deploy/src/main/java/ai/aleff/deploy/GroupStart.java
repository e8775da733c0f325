package ai.aleff.deploy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Starts a group of services together, one virtual thread each. The first failure ends the wait for the others
 * at once (a service that will never be ready must not hold the launcher for the whole ready timeout); their
 * processes are stopped by the platform's close.
 */
final class GroupStart {

    private GroupStart() {
    }

    static void startAll(List<PlatformService> group, Consumer<PlatformService> startOne) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        List<CompletableFuture<Void>> started = group.stream()
                .map(service -> CompletableFuture.runAsync(() -> startOne.accept(service), executor)
                        .whenComplete((ignored, failure) -> {
                            if (failure != null) {
                                firstFailure.completeExceptionally(failure);
                            }
                        }))
                .toList();
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)), firstFailure)
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            executor.shutdownNow();
        }
    }
}
