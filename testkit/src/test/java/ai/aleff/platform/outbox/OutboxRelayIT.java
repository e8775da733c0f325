package ai.aleff.platform.outbox;

import static ai.aleff.platform.outbox.OutboxFixture.NO_BROKER;
import static ai.aleff.platform.outbox.OutboxFixture.audit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.OutboxSettings.Ordering;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaBroker;

/** The platform outbox against a real PostgreSQL and a real broker, in both orderings. */
class OutboxRelayIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private OutboxFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new OutboxFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void perKeyEventsAreRelayedInInsertionOrderOfEachKeyAndMarkedSent() {
        try (EventProbe probe = EventProbe.open(KafkaBroker.bootstrapServers(), Topics.AUDIT)) {
            // Given two conversations' events committed in interleaved transactions, more than one batch of them
            Outbox outbox = fixture.outbox(Ordering.PER_KEY, Duration.ZERO, KafkaBroker.bootstrapServers());
            String tenant = UUID.randomUUID().toString();
            List<CloudEvent<?>> written = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                for (String conversation : List.of("a", "b")) {
                    CloudEvent<AuditRecord> event = audit(tenant, conversation, "step-" + i);
                    written.add(event);
                    commit(outbox, List.of(event));
                }
            }

            // When the relay runs (nothing else publishes them)
            // Then each conversation's events arrive in the order they were written, once each, and are marked sent
            for (String conversation : List.of("a", "b")) {
                List<String> actions = probe.await(AuditRecord.class,
                        r -> r.tenantId().equals(tenant) && conversation.equals(r.conversationId()), 6)
                        .stream().map(e -> e.data().action()).toList();
                assertThat(actions).containsExactly("step-0", "step-1", "step-2", "step-3", "step-4", "step-5");
            }
            Awaitility.await().atMost(WAIT).until(() -> fixture.unsentCount() == 0);
            assertThat(probe.events(AuditRecord.class, r -> r.tenantId().equals(tenant)))
                    .extracting(CloudEvent::id)
                    .containsExactlyInAnyOrderElementsOf(written.stream().map(CloudEvent::id).toList());
        }
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverPublished() {
        try (EventProbe probe = EventProbe.open(KafkaBroker.bootstrapServers(), Topics.AUDIT)) {
            // Given an event added to a transaction that then fails, and a marker committed after it
            Outbox outbox = fixture.outbox(Ordering.PER_KEY, Duration.ZERO, KafkaBroker.bootstrapServers());
            String tenant = UUID.randomUUID().toString();
            CloudEvent<AuditRecord> rolledBack = audit(tenant, "c", "rolled-back");
            Uni<Void> failing = fixture.inTransaction(c -> outbox.add(c, rolledBack)
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change fails"))));
            assertThat(failing.onFailure().recoverWithItem(() -> null).await().atMost(WAIT)).isNull();
            CloudEvent<AuditRecord> marker = audit(tenant, "c", "marker");
            commit(outbox, List.of(marker));

            // When the marker, written after it in the same key, has been published
            probe.awaitOne(AuditRecord.class, r -> r.recordId().equals(marker.id()));

            // Then the rolled-back event is not on the topic
            assertThat(probe.events(AuditRecord.class, r -> r.tenantId().equals(tenant)))
                    .extracting(CloudEvent::id).containsExactly(marker.id());
        }
    }

    @Test
    void perKeyEventsWrittenDuringAKafkaOutageArePublishedInOrderOnceKafkaIsBack() throws Exception {
        try (EventProbe probe = EventProbe.open(KafkaBroker.bootstrapServers(), Topics.AUDIT)) {
            // Given events committed while no broker answers, and a relay pass that failed to publish them
            Outbox down = fixture.outbox(Ordering.PER_KEY, Duration.ZERO, NO_BROKER);
            String tenant = UUID.randomUUID().toString();
            List<CloudEvent<AuditRecord>> written = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                written.add(audit(tenant, "c", "during-outage-" + i));
            }
            fixture.inTransaction(c -> down.add(c, written)).await().atMost(WAIT);
            down.publish(written).await().atMost(WAIT);
            assertThat(fixture.unsentCount()).isEqualTo(3);

            // When the instance restarts and its relay reaches the broker again
            fixture.stopRelays();
            fixture.outbox(Ordering.PER_KEY, Duration.ZERO, KafkaBroker.bootstrapServers());

            // Then every event arrives, in order, under its original id
            List<CloudEvent<AuditRecord>> published = probe.await(AuditRecord.class,
                    r -> r.tenantId().equals(tenant), 3);
            assertThat(published).extracting(CloudEvent::id)
                    .containsExactlyElementsOf(written.stream().map(CloudEvent::id).toList());
            Awaitility.await().atMost(WAIT).until(() -> fixture.unsentCount() == 0);
        }
    }

    @Test
    void unorderedEventsArePublishedRightAfterCommitWithoutTheRelay() {
        try (EventProbe probe = EventProbe.open(KafkaBroker.bootstrapServers(), Topics.AUDIT)) {
            // Given an unordered outbox whose relay would wait a long time before taking a row
            Outbox outbox = fixture.outbox(Ordering.NONE, Duration.ofHours(1), KafkaBroker.bootstrapServers());
            String tenant = UUID.randomUUID().toString();
            List<CloudEvent<AuditRecord>> events = List.of(audit(tenant, "c", "one"), audit(tenant, "d", "two"));

            // When a transaction adds events, commits, and publishes them
            fixture.inTransaction(c -> outbox.add(c, events)).chain(() -> outbox.publish(events))
                    .await().atMost(WAIT);

            // Then they are on the topic and marked sent at once
            assertThat(probe.await(AuditRecord.class, r -> r.tenantId().equals(tenant), 2))
                    .extracting(CloudEvent::id)
                    .containsExactlyInAnyOrder(events.get(0).id(), events.get(1).id());
            assertThat(fixture.unsentCount()).isZero();
        }
    }

    @Test
    void unorderedEventsLeftUnsentByACrashArePublishedByTheRelayUnderTheirIds() {
        try (EventProbe probe = EventProbe.open(KafkaBroker.bootstrapServers(), Topics.AUDIT)) {
            // Given committed events whose publish after commit never happened (the instance died), a batch and more
            Outbox outbox = fixture.outbox(Ordering.NONE, Duration.ofMillis(300), KafkaBroker.bootstrapServers());
            String tenant = UUID.randomUUID().toString();
            List<CloudEvent<AuditRecord>> written = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                written.add(audit(tenant, "c" + (i % 3), "left-" + i));
            }
            fixture.inTransaction(c -> outbox.add(c, written)).await().atMost(WAIT);

            // When the relay finds them old enough
            // Then each is published under its original id and marked sent
            Awaitility.await().atMost(WAIT).until(() -> fixture.unsentCount() == 0);
            assertThat(probe.await(AuditRecord.class, r -> r.tenantId().equals(tenant), 7))
                    .extracting(CloudEvent::id)
                    .containsExactlyInAnyOrderElementsOf(written.stream().map(CloudEvent::id).toList());
        }
    }

    @Test
    void anEventAddedTwiceIsStoredAndPublishedOnce() {
        try (EventProbe probe = EventProbe.open(KafkaBroker.bootstrapServers(), Topics.AUDIT)) {
            // Given a redone step adding the same event (same id) again, then a marker
            Outbox outbox = fixture.outbox(Ordering.PER_KEY, Duration.ZERO, KafkaBroker.bootstrapServers());
            String tenant = UUID.randomUUID().toString();
            CloudEvent<AuditRecord> event = audit(tenant, "c", "once");
            commit(outbox, List.of(event));
            commit(outbox, List.of(event));
            CloudEvent<AuditRecord> marker = audit(tenant, "c", "marker");
            commit(outbox, List.of(marker));

            // When the marker is published
            probe.awaitOne(AuditRecord.class, r -> r.recordId().equals(marker.id()));

            // Then the event was published once
            assertThat(probe.events(AuditRecord.class, r -> r.tenantId().equals(tenant)))
                    .extracting(CloudEvent::id).containsExactly(event.id(), marker.id());
        }
    }

    @Test
    void aTableOutsideTheSharedLayoutFailsTheStart() {
        // Given a service whose outbox table still has an older layout (no identity id, other column names)
        OutboxRelay relay = fixture.relayOver("svc.old_outbox",
                "CREATE TABLE svc.old_outbox (event_id text PRIMARY KEY,"
                        + " event_type text NOT NULL, occurred_at timestamptz NOT NULL, payload text NOT NULL)");

        // When the service starts
        // Then it refuses to, naming the table
        assertThatThrownBy(() -> relay.onStart(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("svc.old_outbox");
    }

    @Test
    void theRelaysSendContinuesTheTraceOfTheChangeThatWroteTheRow() {
        try (EventProbe probe = EventProbe.open(KafkaBroker.bootstrapServers(), Topics.AUDIT)) {
            // Given an event written to the outbox while a request of trace T was being handled, and a marker event
            // written outside any trace
            Outbox outbox = fixture.outbox(Ordering.PER_KEY, Duration.ZERO, KafkaBroker.bootstrapServers());
            String tenant = UUID.randomUUID().toString();
            String traceId = UUID.randomUUID().toString().replace("-", "");
            Context request = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(traceId,
                    "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault())));
            CloudEvent<AuditRecord> traced = audit(tenant, "a", "traced");
            // As in a service: the request runs on a duplicated Vert.x context, where Quarkus keeps its trace.
            io.vertx.core.Context requestContext = VertxContext
                    .createNewDuplicatedContext(fixture.vertx.getDelegate().getOrCreateContext());
            CompletableFuture<Void> written = new CompletableFuture<>();
            requestContext.runOnContext(ignored -> {
                request.makeCurrent();
                fixture.inTransaction(c -> outbox.add(c, traced)).subscribe()
                        .with(written::complete, written::completeExceptionally);
            });
            written.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            commit(outbox, List.of(audit(tenant, "b", "untraced")));

            // When the relay sends them (nothing else publishes them)
            probe.await(AuditRecord.class, r -> r.tenantId().equals(tenant), 2);

            // Then the traced event's record carries trace T in its traceparent header, and the marker none
            Map<String, String> traceparents = new HashMap<>();
            probe.records().forEach(record -> {
                Header id = record.headers().lastHeader("ce_id");
                Header parent = record.headers().lastHeader("traceparent");
                if (id != null) {
                    traceparents.put(new String(id.value(), StandardCharsets.UTF_8),
                            parent == null ? "none" : new String(parent.value(), StandardCharsets.UTF_8));
                }
            });
            assertThat(traceparents.get(traced.id())).startsWith("00-" + traceId + "-");
            assertThat(traceparents.values()).contains("none");
        }
    }

    /** Adds in one committed transaction, without publishing: the relay alone must send them. */
    private void commit(Outbox outbox, List<? extends CloudEvent<?>> events) {
        fixture.inTransaction(c -> outbox.add(c, events)).await().atMost(WAIT);
    }
}
