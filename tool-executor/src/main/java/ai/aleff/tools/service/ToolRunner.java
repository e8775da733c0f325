package ai.aleff.tools.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import ai.aleff.tools.config.ToolSettings;

/**
 * Runs a pure {@link Tool} on its own virtual thread, never on the Kafka consumer's event loop, and always answers: a
 * result, or an error outcome for unusable arguments, a failure or a timeout. Every call has its own thread, so
 * calls run in parallel (bounded by the consumer's {@code aleff.tools.max-concurrent-calls}).
 */
@ApplicationScoped
public class ToolRunner {

    private static final Logger LOG = Logger.getLogger(ToolRunner.class);

    private final Duration timeout;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @Inject
    public ToolRunner(ToolSettings settings) {
        this(settings.timeout());
    }

    ToolRunner(Duration timeout) {
        this.timeout = timeout;
    }

    public Uni<ToolOutcome> run(Tool tool, JsonNode arguments) {
        return Uni.createFrom().completionStage(() -> start(tool, arguments));
    }

    private CompletableFuture<ToolOutcome> start(Tool tool, JsonNode args) {
        CompletableFuture<ToolOutcome> outcome = new CompletableFuture<>();
        Future<?> task = threads.submit(() -> outcome.complete(execute(tool, args)));
        return outcome.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            // Interrupt the abandoned run so a stuck tool does not keep a thread busy forever.
            task.cancel(true);
            if (e instanceof TimeoutException) {
                return ToolOutcome.error("tool '" + tool.name() + "' timed out after " + timeout.toMillis() + " ms");
            }
            LOG.errorf(e, "Tool %s could not be run", tool.name());
            return ToolOutcome.error("tool '" + tool.name() + "' failed unexpectedly");
        });
    }

    private static ToolOutcome execute(Tool tool, JsonNode args) {
        try {
            return ToolOutcome.ok(tool.execute(args));
        } catch (ToolException e) {
            return ToolOutcome.error(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.errorf(e, "Tool %s failed", tool.name());
            return ToolOutcome.error("tool '" + tool.name() + "' failed unexpectedly");
        }
    }

    public Duration timeout() {
        return timeout;
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }
}
