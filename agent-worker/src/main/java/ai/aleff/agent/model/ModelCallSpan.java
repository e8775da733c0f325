package ai.aleff.agent.model;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import ai.aleff.platform.tracing.Tracing;

/**
 * The span of one attempt at one model, named and attributed after the OpenTelemetry GenAI semantic conventions
 * ({@code gen_ai.*}): operation, provider, requested and answering model, token usage, finish reason. Never the
 * prompt, the answer or a key: a span leaves the platform whenever an exporter is configured.
 */
final class ModelCallSpan implements AutoCloseable {

    private final Span span;
    private final Scope scope;

    private ModelCallSpan(Span span) {
        this.span = span;
        this.scope = span.makeCurrent();
    }

    static ModelCallSpan start(ModelCallContext context, ModelEndpoint endpoint, int attempt) {
        Span span = Tracing.tracer().spanBuilder("chat " + endpoint.model())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", providerName(endpoint.provider()))
                .setAttribute("gen_ai.request.model", endpoint.model())
                .setAttribute("aleff.tenant_id", context.tenantId())
                .setAttribute("aleff.turn_id", context.turnId())
                .setAttribute("aleff.model.purpose", context.purpose())
                .setAttribute("aleff.model.attempt", attempt)
                .startSpan();
        return new ModelCallSpan(span);
    }

    /** The provider's name in the GenAI conventions' well-known values, ours where they have none. */
    static String providerName(ProviderKind provider) {
        return switch (provider) {
            case OPENAI -> "openai";
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "gcp.gemini";
            case OLLAMA -> "ollama";
            case OFFLINE -> "aleff.offline";
        };
    }

    void answered(ChatResponse response) {
        TokenUsage tokens = response.tokenUsage();
        if (tokens != null && tokens.inputTokenCount() != null) {
            span.setAttribute("gen_ai.usage.input_tokens", tokens.inputTokenCount().longValue());
        }
        if (tokens != null && tokens.outputTokenCount() != null) {
            span.setAttribute("gen_ai.usage.output_tokens", tokens.outputTokenCount().longValue());
        }
        if (response.modelName() != null) {
            span.setAttribute("gen_ai.response.model", response.modelName());
        }
        FinishReason finish = response.finishReason();
        if (finish != null) {
            span.setAttribute(io.opentelemetry.api.common.AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
                    List.of(finish.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** A failed attempt: the failure's kind only, as its message may echo the prompt. */
    void failed(CallFailure failure) {
        span.setAttribute("error.type", failure.kind().name().toLowerCase(java.util.Locale.ROOT));
        span.setStatus(StatusCode.ERROR, failure.kind().name());
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
