package ai.aleff.platform.consumer;

import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import ai.aleff.platform.tracing.KafkaTraceHeaders;
import ai.aleff.platform.tracing.Tracing;

/**
 * The consumer span of one dispatched record: its parent is the context in the record's headers (the producer's
 * span), so the work of a record redelivered after a retry, a restart or a replay continues the original trace. The
 * work is assembled inside the span's scope and with {@code tenantId} / {@code conversationId} in the logging MDC;
 * what the work publishes or writes to an outbox picks the span up from there.
 */
final class RecordTrace {

    static final String MDC_TENANT = "tenantId";
    static final String MDC_CONVERSATION = "conversationId";

    private final Context context;
    private final Span span;
    private final Dispatch dispatch;

    private RecordTrace(Context context, Span span, Dispatch dispatch) {
        this.context = context;
        this.span = span;
        this.dispatch = dispatch;
    }

    static RecordTrace start(String consumerGroup, Message<?> message, Dispatch dispatch) {
        ConsumerRecord<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getRecord)
                .orElse(null);
        Context parent = record == null ? Context.current() : KafkaTraceHeaders.extract(record.headers());
        String destination = record == null ? consumerGroup : record.topic();
        var builder = Tracing.tracer().spanBuilder(destination + " process").setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", destination)
                .setAttribute("messaging.consumer.group.name", consumerGroup)
                .setAttribute("aleff.tenant_id", dispatch.tenantId());
        if (record != null) {
            builder.setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                    .setAttribute("messaging.kafka.offset", record.offset());
        }
        if (dispatch.conversationId() != null) {
            builder.setAttribute("aleff.conversation_id", dispatch.conversationId());
        }
        Span span = builder.startSpan();
        return new RecordTrace(parent.with(span), span, dispatch);
    }

    /** Assembles (and so starts) one attempt of the work inside the span and the MDC. */
    Uni<Void> around(Supplier<Uni<Void>> work) {
        Object tenant = MDC.put(MDC_TENANT, dispatch.tenantId());
        Object conversation = dispatch.conversationId() == null
                ? MDC.get(MDC_CONVERSATION)
                : MDC.put(MDC_CONVERSATION, dispatch.conversationId());
        try (Scope ignored = context.makeCurrent()) {
            return work.get();
        } finally {
            restore(MDC_TENANT, tenant);
            restore(MDC_CONVERSATION, conversation);
        }
    }

    void end(Throwable error) {
        if (error != null) {
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        }
        span.end();
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
