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
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.providers.locals.LocalContextMetadata;

import ai.aleff.platform.tracing.KafkaTraceHeaders;
import ai.aleff.platform.tracing.Tracing;

/**
 * The consumer span of one dispatched record: its parent is the context in the record's headers (the producer's
 * span), so the work of a record redelivered after a retry, a restart or a replay continues the original trace. The
 * work is assembled inside the span's scope and with {@code tenantId} / {@code conversationId} in the logging MDC;
 * what the work publishes or writes to an outbox picks the span up from there.
 * <p>
 * In the application the connector gives each record its own duplicated Vert.x context, where Quarkus keeps both the
 * OpenTelemetry context and the MDC: the work is started on that context and they stay attached to it, so the
 * continuations of the work (database answers, Kafka acks) still see them after the first asynchronous step. Without
 * one (unit tests) the span is current on the thread while the work is assembled.
 */
final class RecordTrace {

    static final String MDC_TENANT = "tenantId";
    static final String MDC_CONVERSATION = "conversationId";

    private final Context context;
    private final Span span;
    private final Dispatch dispatch;
    private final io.vertx.core.Context recordContext;

    private RecordTrace(Context context, Span span, Dispatch dispatch, io.vertx.core.Context recordContext) {
        this.context = context;
        this.span = span;
        this.dispatch = dispatch;
        this.recordContext = recordContext;
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
        io.vertx.core.Context recordContext = message.getMetadata(LocalContextMetadata.class)
                .map(LocalContextMetadata::context)
                .filter(VertxContext::isDuplicatedContext)
                .orElse(null);
        return new RecordTrace(parent.with(span), span, dispatch, recordContext);
    }

    /** Assembles (and so starts) one attempt of the work inside the span and the MDC. */
    Uni<Void> around(Supplier<Uni<Void>> work) {
        if (recordContext == null) {
            return onThread(work);
        }
        return Uni.createFrom().deferred(() -> onRecordContext(work))
                .runSubscriptionOn(task -> recordContext.runOnContext(ignored -> task.run()));
    }

    private Uni<Void> onRecordContext(Supplier<Uni<Void>> work) {
        // Attached for good: the record's context is its own, and its later callbacks need the span and the MDC.
        MDC.put(MDC_TENANT, dispatch.tenantId());
        if (dispatch.conversationId() != null) {
            MDC.put(MDC_CONVERSATION, dispatch.conversationId());
        }
        @SuppressWarnings("unused")
        Scope attached = context.makeCurrent();
        return work.get();
    }

    private Uni<Void> onThread(Supplier<Uni<Void>> work) {
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
