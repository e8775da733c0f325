package ai.aleff.tools.service;

import static ai.aleff.tools.testing.ToolRequests.awaitResult;
import static ai.aleff.tools.testing.ToolRequests.event;
import static ai.aleff.tools.testing.ToolRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.tools.messaging.ToolRequestConsumer;
import ai.aleff.tools.testing.CountingTool;

/** The durable idempotency store: one run per (tenant, idempotency key), on any instance, after any restart. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class IdempotencyIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Pool pool;

    @Inject
    ToolRequestConsumer consumer;

    private EventProbe results;
    private final String tenant = "t-" + UUID.randomUUID();
    private final String counter = "c-" + UUID.randomUUID();

    @BeforeEach
    void openProbe() {
        results = EventProbe.open(kafka, Topics.TOOL_RESULTS);
    }

    @AfterEach
    void closeProbe() {
        results.close();
    }

    @Test
    void aRedeliveredRememberStoresOneFactAndAnswersTheSame() {
        // Given a remember request delivered twice (same event, same call id and idempotency key)
        ToolCallRequested request = request(tenant, "ana", "remember", "{\"fact\":\"Speaks Portuguese\"}");
        // When both deliveries are processed
        Events.publish(kafka, event(request), event(request));
        // Then both answers are the same event with the same content, and the fact is stored once
        List<CloudEvent<ToolCallCompleted>> answers = results.await(ToolCallCompleted.class,
                c -> c.callId().equals(request.callId()), 2);
        assertThat(answers).hasSize(2);
        assertThat(answers.get(1).id()).isEqualTo(answers.get(0).id());
        assertThat(answers.get(1).data()).isEqualTo(answers.get(0).data());
        assertThat(answers.get(0).data().result()).startsWith("Remembered [");
        assertThat(count("SELECT count(*) AS n FROM tools.memory_fact WHERE tenant_id = $1", tenant)).isEqualTo(1);
    }

    @Test
    void aResumedTurnWithTheSameKeyGetsTheStoredOutcomeWithoutARerun() {
        // Given a call that completed
        ToolCallRequested first = request(tenant, "ana", CountingTool.NAME, "{\"counter\":\"" + counter + "\"}");
        Events.publish(kafka, event(first));
        ToolCallCompleted original = awaitResult(results, first).data();
        // When a resumed turn asks again under a new call id with the same idempotency key
        ToolCallRequested resumed = new ToolCallRequested("call-" + UUID.randomUUID(), tenant,
                first.conversationId(), first.turnId(), "ana", first.idempotencyKey(), CountingTool.NAME,
                first.arguments(), Instant.now());
        Events.publish(kafka, event(resumed));
        ToolCallCompleted answer = awaitResult(results, resumed).data();
        // Then the tool ran once and the stored outcome answers the new call
        assertThat(CountingTool.runs(counter)).isEqualTo(1);
        assertThat(answer.result()).isEqualTo("run 1").isEqualTo(original.result());
        assertThat(answer.completedAt()).isEqualTo(original.completedAt());
    }

    @Test
    void anOutcomeStoredBeforeARestartIsReturnedWithoutRunningTheTool() {
        // Given an outcome another instance (or this one before a restart) stored for a key
        ToolCallRequested request = request(tenant, "ana", CountingTool.NAME, "{\"counter\":\"" + counter + "\"}");
        Instant then = Instant.parse("2026-01-02T03:04:05.123456Z");
        execute("INSERT INTO tools.tool_call (tenant_id, idempotency_key, call_id, tool_name, claim_token, status, "
                + "result, completed_at) VALUES ($1, $2, 'call-old', $3, $4, 'OK', 'stored before the restart', $5)",
                Tuple.tuple(List.of(tenant, "key:" + request.idempotencyKey(), CountingTool.NAME, UUID.randomUUID(),
                        OffsetDateTime.ofInstant(then, ZoneOffset.UTC))));
        // When the request is delivered
        Events.publish(kafka, event(request));
        // Then the stored outcome is the answer and the tool never ran
        ToolCallCompleted answer = awaitResult(results, request).data();
        assertThat(answer.result()).isEqualTo("stored before the restart");
        assertThat(answer.completedAt()).isEqualTo(then);
        assertThat(CountingTool.runs(counter)).isZero();
    }

    @Test
    void aCallRunningElsewhereIsAwaitedAndItsOutcomeReturnedNotRunAgain() {
        // Given a live claim on the key by another run
        ToolCallRequested request = request(tenant, "ana", CountingTool.NAME, "{\"counter\":\"" + counter + "\"}");
        String key = "key:" + request.idempotencyKey();
        execute("INSERT INTO tools.tool_call (tenant_id, idempotency_key, call_id, tool_name, claim_token) "
                + "VALUES ($1, $2, 'call-other', $3, $4)", Tuple.of(tenant, key, CountingTool.NAME, UUID.randomUUID()));
        // When the request is delivered, and the other run finishes while it waits
        Events.publish(kafka, event(request));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.inFlight() > 0);
        execute("UPDATE tools.tool_call SET status = 'OK', result = 'from the other run', completed_at = now() "
                + "WHERE tenant_id = $1 AND idempotency_key = $2", Tuple.of(tenant, key));
        // Then the other run's outcome is the answer and this delivery never ran the tool
        assertThat(awaitResult(results, request).data().result()).isEqualTo("from the other run");
        assertThat(CountingTool.runs(counter)).isZero();
    }

    @Test
    void theClaimOfADeadRunIsTakenOverAfterItExpires() {
        // Given a claim without outcome from a run that died an hour ago
        ToolCallRequested request = request(tenant, "ana", CountingTool.NAME, "{\"counter\":\"" + counter + "\"}");
        execute("INSERT INTO tools.tool_call (tenant_id, idempotency_key, call_id, tool_name, claim_token, "
                + "claimed_at) VALUES ($1, $2, 'call-dead', $3, $4, now() - interval '1 hour')",
                Tuple.of(tenant, "key:" + request.idempotencyKey(), CountingTool.NAME, UUID.randomUUID()));
        // When the request is redelivered
        Events.publish(kafka, event(request));
        // Then it is run and answered, and the row records the outcome and the second attempt
        assertThat(awaitResult(results, request).data().result()).isEqualTo("run 1");
        assertThat(count("SELECT attempts AS n FROM tools.tool_call WHERE tenant_id = $1", tenant)).isEqualTo(2);
    }

    @Test
    void tenantsNeverShareOutcomesUnderTheSameKey() {
        // Given the same idempotency key used by two tenants
        ToolCallRequested mine = request(tenant, "ana", CountingTool.NAME, "{\"counter\":\"" + counter + "\"}");
        ToolCallRequested theirs = new ToolCallRequested("call-" + UUID.randomUUID(), "t-" + UUID.randomUUID(),
                mine.conversationId(), mine.turnId(), "ana", mine.idempotencyKey(), CountingTool.NAME,
                mine.arguments(), Instant.now());
        // When both are delivered
        Events.publish(kafka, event(mine));
        awaitResult(results, mine);
        Events.publish(kafka, event(theirs));
        // Then each tenant's call ran
        assertThat(awaitResult(results, theirs).data().result()).isEqualTo("run 2");
        assertThat(CountingTool.runs(counter)).isEqualTo(2);
    }

    private void execute(String sql, Tuple parameters) {
        // The test looks from outside any tenant: a cross-tenant transaction (row-level security).
        RowScope.acrossTenants(pool, tx -> tx.preparedQuery(sql).execute(parameters)).await()
                .atMost(Duration.ofSeconds(10));
    }

    private long count(String sql, String tenantId) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery(sql).execute(Tuple.of(tenantId)))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong("n");
    }
}
