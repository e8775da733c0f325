package ai.aleff.ingress.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.ingress.TestConnections;
import ai.aleff.ingress.repository.ChannelMessage;
import ai.aleff.ingress.repository.ChannelMessageRepository;
import ai.aleff.ingress.service.ChannelMessageErasure;
import ai.aleff.platform.database.RowScope;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** The registry's versioning, deletion and erasure, straight on the table (the consumer calls exactly this). */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ChannelConnectionStoreIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ChannelConnectionStore store;

    @Inject
    ChannelConnections connections;

    @Inject
    ChannelConnectionErasure erasure;

    @Inject
    ChannelMessageErasure messageErasure;

    @Inject
    ChannelMessageRepository channelMessages;

    @Inject
    Pool pool;

    @Test
    void staleVersionsChangeNothingADeletedConnectionKeepsNoSecretsAndErasureRemovesIt() {
        // Given a connection at version 2, paused, with its credentials
        String tenant = "t-" + TestConnections.newConnectionId();
        String id = TestConnections.newConnectionId();
        assertThat(upsert(tenant, id, Status.PAUSED, 2)).isTrue();

        // When a stale ACTIVE version 1 arrives (a replay); Then nothing changes
        assertThat(upsert(tenant, id, Status.ACTIVE, 1)).isFalse();
        ChannelConnection found = connections.find(id).await().atMost(WAIT).orElseThrow();
        assertThat(found.status()).isEqualTo(Status.PAUSED);
        assertThat(found.version()).isEqualTo(2);
        assertThat(connections.credential(found, ChannelConnectionChanged.WEBHOOK_SECRET)).isEqualTo("s3cret");
        assertThat(found.accountUsername()).isEqualTo("AleffBot");

        // When it is deleted (version 3) and a stale ACTIVE version 2 follows
        store.upsert(ChannelConnection.of(new ChannelConnectionChanged(tenant, id, Type.TELEGRAM, null,
                Status.DELETED, Mode.WEBHOOK, null, null, null, 3, null))).await().atMost(WAIT);
        assertThat(upsert(tenant, id, Status.ACTIVE, 2)).isFalse();

        // Then it is unknown, and its row keeps no credentials
        assertThat(connections.find(id).await().atMost(WAIT)).isEmpty();
        assertThat(RowScope.inTenant(pool, tenant, tx -> tx.preparedQuery(
                "SELECT credentials::text FROM ingress.channel_connection WHERE connection_id = $1")
                .execute(Tuple.of(id))).await().atMost(WAIT).iterator().next().getString(0)).isEqualTo("{}");

        // And erasing the tenant removes the row, and its channel messages
        channelMessages.store(new ChannelMessage(tenant, "m-1", "tg:" + id + ":42", id, "telegram", "42", null, "7",
                "42", Instant.now())).await().atMost(WAIT);
        assertThat(channelMessages.find(tenant, "m-1").await().atMost(WAIT)).isPresent();
        assertThat(erasure.erase(tenant).await().atMost(WAIT)).isEqualTo(1);
        assertThat(messageErasure.erase(tenant).await().atMost(WAIT)).isEqualTo(1);
        assertThat(channelMessages.find(tenant, "m-1").await().atMost(WAIT)).isEmpty();
        assertThat(RowScope.acrossTenants(pool, tx -> tx.preparedQuery(
                "SELECT count(*) FROM ingress.channel_connection WHERE connection_id = $1")
                .execute(Tuple.of(id))).await().atMost(WAIT).iterator().next().getLong(0)).isZero();
    }

    @Test
    void anotherTenantCannotTakeOverAConnectionIdAndActiveListsOnlyActiveOnesOfTheMode() {
        // Given an active Telegram webhook connection of tenant A
        String a = "t-" + TestConnections.newConnectionId();
        String id = TestConnections.newConnectionId();
        upsert(a, id, Status.ACTIVE, 1);

        // When tenant B's record names the same connection id; Then it changes nothing, and A keeps its connection
        assertThat(upsert("t-other-" + id, id, Status.PAUSED, 5)).isFalse();
        ChannelConnection kept = connections.find(id).await().atMost(WAIT).orElseThrow();
        assertThat(kept.tenantId()).isEqualTo(a);
        assertThat(kept.status()).isEqualTo(Status.ACTIVE);

        // And the active webhook connections include it, the polling ones do not
        assertThat(connections.active(Type.TELEGRAM, Mode.WEBHOOK).await().atMost(WAIT))
                .extracting(ChannelConnection::connectionId).contains(id);
        assertThat(connections.active(Type.TELEGRAM, Mode.POLLING).await().atMost(WAIT))
                .extracting(ChannelConnection::connectionId).doesNotContain(id);
    }

    private boolean upsert(String tenant, String id, Status status, long version) {
        return store.upsert(ChannelConnection.of(TestConnections.record(tenant, id, Type.TELEGRAM, status,
                new Settings(null, List.of("-100"), List.of(), null), new Account("777", "AleffBot"),
                Map.of(ChannelConnectionChanged.WEBHOOK_SECRET, "s3cret"), version)))
                .await().atMost(WAIT);
    }
}
