package ai.aleff.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import ai.aleff.platform.tracing.TraceContext;

/** The dispatcher continues a record's trace from its headers, on every retry and on a redelivery. */
class RecordTraceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PRODUCER_SPAN = "00f067aa0ba902b7";

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void installSdk() {
        GlobalOpenTelemetry.resetForTest();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                    @Override
                    public CompletableResultCode export(Collection<SpanData> spans) {
                        ended.addAll(spans);
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode flush() {
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                        return CompletableResultCode.ofSuccess();
                    }
                })).build()).buildAndRegisterGlobal();
    }

    @AfterEach
    void removeSdk() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void everyAttemptAndARedeliveryOfTheRecordContinueItsTrace() {
        // Given a record sent in trace T, whose work fails once before it succeeds
        ConsumerDispatcher dispatcher = new ConsumerDispatcher("test-group", new DispatchLimits(2, 1, 10),
                RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(1)), () -> false);
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> mdc = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        Dispatch work = Dispatch.inConversation("tenant-a", "conv-1", "record", () -> {
            seen.add(Span.current().getSpanContext().getTraceId());
            mdc.add(MDC.get("tenantId") + "/" + MDC.get("conversationId"));
            return attempts.incrementAndGet() == 1
                    ? Uni.createFrom().failure(new IllegalStateException("first attempt fails"))
                    : Uni.createFrom().voidItem();
        });

        // When it is dispatched, and later the same record is delivered again (e.g. after a restart)
        CompletableFuture<Void> firstAck = new CompletableFuture<>();
        dispatcher.dispatch(record(firstAck), work).await().atMost(WAIT);
        await().atMost(WAIT).until(firstAck::isDone);
        CompletableFuture<Void> secondAck = new CompletableFuture<>();
        dispatcher.dispatch(record(secondAck), work).await().atMost(WAIT);
        await().atMost(WAIT).until(secondAck::isDone);

        // Then every attempt ran in trace T with the tenant and conversation in the MDC, and both consumer spans are
        // children of the producer's span
        assertThat(seen).hasSize(3).containsOnly(TRACE_ID);
        assertThat(mdc).containsOnly("tenant-a/conv-1");
        await().atMost(WAIT).until(() -> ended.size() == 2);
        assertThat(ended).allSatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.getParentSpanId()).isEqualTo(PRODUCER_SPAN);
            assertThat(span.getName()).isEqualTo("aleff.conversation.inbound process");
        });
        assertThat(MDC.get("tenantId")).isNull();
    }

    @Test
    void aStoredTraceContextRestoresTheSameTrace() {
        // Given the traceparent an outbox row stored
        TraceContext stored = new TraceContext("00-" + TRACE_ID + "-" + PRODUCER_SPAN + "-01", "vendor=1");

        // When it is restored and captured again
        TraceContext again = TraceContext.of(stored.restore());

        // Then it is the same context; and a row written outside any trace stores none
        assertThat(again).isEqualTo(stored);
        assertThat(TraceContext.current()).isEqualTo(new TraceContext(null, null));
    }

    private static Message<byte[]> record(CompletableFuture<Void> acked) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("aleff.conversation.inbound", 0, 7L, "key",
                new byte[0]);
        record.headers().add("traceparent",
                ("00-" + TRACE_ID + "-" + PRODUCER_SPAN + "-01").getBytes(StandardCharsets.UTF_8));
        return Message.of(new byte[0], Metadata.of(new IncomingKafkaRecordMetadata<>(record, "inbound")), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        });
    }
}
