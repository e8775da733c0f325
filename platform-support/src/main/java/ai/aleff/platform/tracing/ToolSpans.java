package ai.aleff.platform.tracing;

import java.util.function.Function;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * Spans of tool calls after the GenAI semantic conventions ({@code gen_ai.operation.name = execute_tool},
 * {@code gen_ai.tool.name}, {@code gen_ai.tool.call.id}): agent-worker's routing of a call the model asked for and
 * tool-executor's run of it. Never the arguments or the result: they are user data.
 */
public final class ToolSpans {

    private ToolSpans() {
    }

    private static SpanBuilder builder(String toolName, String callId, String tenantId) {
        return Tracing.tracer().spanBuilder("execute_tool " + toolName)
                .setAttribute("gen_ai.operation.name", "execute_tool")
                .setAttribute("gen_ai.tool.name", toolName)
                .setAttribute("gen_ai.tool.call.id", callId)
                .setAttribute("aleff.tenant_id", tenantId);
    }

    /** A call routed by the worker: {@code route} says where it goes (remote, local, delegate). */
    public static void routed(String toolName, String callId, String tenantId, String route) {
        builder(toolName, callId, tenantId).setAttribute("aleff.tool.route", route).startSpan().end();
    }

    /**
     * Runs a tool call in its span; {@code failed} says whether an outcome is the tool's error answer, recorded as
     * {@code error.type = tool_error} without its text.
     */
    public static <T> Uni<T> executed(String toolName, String callId, String tenantId, Function<T, Boolean> failed,
            Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Span span = builder(toolName, callId, tenantId).startSpan();
            Uni<T> running;
            try (Scope ignored = span.makeCurrent()) {
                running = work.get();
            } catch (RuntimeException e) {
                span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName()).end();
                throw e;
            }
            return running.onItemOrFailure().invoke((item, failure) -> {
                if (failure != null) {
                    span.setAttribute("error.type", failure.getClass().getSimpleName());
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                } else if (Boolean.TRUE.equals(failed.apply(item))) {
                    span.setAttribute("error.type", "tool_error");
                    span.setStatus(StatusCode.ERROR, "tool_error");
                }
                span.end();
            });
        });
    }
}
