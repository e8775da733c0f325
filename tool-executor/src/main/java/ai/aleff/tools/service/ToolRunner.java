package ai.aleff.tools.service;

import java.io.IOException;
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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Uni;

import ai.aleff.tools.config.ToolSettings;

/**
 * Runs one tool call on its own virtual thread, never on the Kafka consumer's event loop, and always answers: a
 * result, or an error outcome for an unknown tool, unusable arguments, a failure or a timeout.
 */
@ApplicationScoped
public class ToolRunner {

    private static final Logger LOG = Logger.getLogger(ToolRunner.class);

    private final ToolRegistry registry;
    private final ObjectMapper json;
    private final Duration timeout;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @Inject
    public ToolRunner(ToolRegistry registry, ObjectMapper json, ToolSettings settings) {
        this(registry, json, settings.timeout());
    }

    ToolRunner(ToolRegistry registry, ObjectMapper json, Duration timeout) {
        this.registry = registry;
        this.json = json;
        this.timeout = timeout;
    }

    public Uni<ToolOutcome> run(String toolName, String arguments) {
        Tool tool = registry.find(toolName).orElse(null);
        if (tool == null) {
            return Uni.createFrom()
                    .item(ToolOutcome.error("unknown tool " + ToolException.quote(String.valueOf(toolName))
                            + "; available: " + String.join(", ", registry.names())));
        }
        JsonNode args;
        try {
            args = parse(arguments);
        } catch (ToolException e) {
            return Uni.createFrom().item(ToolOutcome.error(e.getMessage()));
        }
        return Uni.createFrom().completionStage(() -> start(tool, args));
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

    private JsonNode parse(String arguments) {
        // Models commonly send an empty string for a call without arguments.
        if (arguments == null || arguments.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(arguments);
        } catch (IOException e) {
            throw new ToolException("arguments are not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ToolException("arguments must be a JSON object");
        }
        return node;
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }
}
