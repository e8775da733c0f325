package ai.aleff.tools.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.tools.config.ToolSettings;

/** Completes tool calls, answering a repeated idempotency key from memory instead of running the tool again. */
@ApplicationScoped
public class ToolCallService {

    private final ToolRunner runner;
    private final CompletedCalls completed;

    @Inject
    public ToolCallService(ToolRunner runner, ToolSettings settings) {
        this(runner, new CompletedCalls(settings.completedCallsCapacity()));
    }

    ToolCallService(ToolRunner runner, CompletedCalls completed) {
        this.runner = runner;
        this.completed = completed;
    }

    public Uni<ToolCallCompleted> complete(ToolCallRequested request) {
        String key = idempotencyKey(request);
        return completed.find(key)
                .map(outcome -> Uni.createFrom().item(outcome))
                .orElseGet(() -> runner.run(request.toolName(), request.arguments())
                        .invoke(outcome -> completed.remember(key, outcome)))
                .map(outcome -> outcome.ok()
                        ? ToolCallCompleted.ok(request, outcome.result(), outcome.completedAt())
                        : ToolCallCompleted.error(request, outcome.error(), outcome.completedAt()));
    }

    /** Scoped by tenant, so one tenant's keys can never answer another tenant's calls. */
    static String idempotencyKey(ToolCallRequested request) {
        String key = request.idempotencyKey() == null || request.idempotencyKey().isBlank()
                ? "call:" + request.callId()
                : "key:" + request.idempotencyKey();
        return request.tenantId() + "/" + key;
    }
}
