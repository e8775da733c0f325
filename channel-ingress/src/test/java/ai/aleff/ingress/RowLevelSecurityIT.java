package ai.aleff.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.ingress.delivery.RateGate;
import ai.aleff.ingress.delivery.SendPart;
import ai.aleff.ingress.delivery.SendRecords;
import ai.aleff.ingress.discord.DiscordInteraction;
import ai.aleff.ingress.discord.DiscordInteractions;
import ai.aleff.ingress.repository.ChannelMessage;
import ai.aleff.ingress.repository.ChannelMessageRepository;
import ai.aleff.ingress.repository.ClientMessageRepository;
import ai.aleff.ingress.repository.ConversationMessage;
import ai.aleff.ingress.repository.ConversationMessageRepository;
import ai.aleff.ingress.repository.DiscordGatewayRepository;
import ai.aleff.ingress.repository.MessageHit;
import ai.aleff.ingress.repository.RateWindowRepository;
import ai.aleff.ingress.repository.StreamLeaseRepository;
import ai.aleff.ingress.repository.TelegramPollOffsetRepository;
import ai.aleff.ingress.voice.VoiceNote;
import ai.aleff.ingress.voice.VoiceNotes;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.lease.Lease;
import ai.aleff.platform.lease.Leases;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.RowSecurity;

/** Row-level security in the ingress schema: a transaction sees its own tenant's rows, or none. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class RowLevelSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> TABLES = List.of("ingress.client_message", "ingress.conversation_message",
            "ingress.rate_window", "ingress.conversation_start", "ingress.stream_lease",
            "ingress.channel_connection", "ingress.channel_message", "ingress.telegram_poll_offset",
            "ingress.channel_delivery", "ingress.delivery_rate", "ingress.voice_note", "ingress.discord_interaction",
            "ingress.discord_gateway_session", "ingress.discord_gateway_identify");

    @Inject
    Pool pool;

    @Inject
    ConversationMessageRepository conversations;

    @Inject
    ClientMessageRepository clientMessages;

    @Inject
    RateWindowRepository windows;

    @Inject
    StreamLeaseRepository leases;

    @Inject
    ChannelMessageRepository channelMessages;

    @Inject
    TelegramPollOffsetRepository pollOffsets;

    @Inject
    DiscordGatewayRepository gatewaySessions;

    @Inject
    Leases channelLeases;

    @Inject
    SendRecords sendRecords;

    @Inject
    VoiceNotes voiceNotes;

    @Inject
    RateGate rates;

    @Inject
    DiscordInteractions interactions;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void everyTenantTableOfTheSchemaHasRowSecurity() {
        assertThat(RowSecurity.tenantTables(jdbcUrl, "ingress", "tenant_id")).hasSize(TABLES.size());
        assertThat(RowSecurity.unprotectedTenantTables(jdbcUrl, "ingress", "tenant_id", Set.of())).isEmpty();
    }

    @Test
    void aTransactionSeesOnlyTheRowsOfItsTenantAndNoneWithoutOne() {
        // Given rows of two tenants in every table, written through the repositories
        String a = "tenant-a-" + UUID.randomUUID();
        String b = "tenant-b-" + UUID.randomUUID();
        for (String tenant : List.of(a, b)) {
            conversations.store(new ConversationMessage(tenant, "conv-1", "m-" + UUID.randomUUID(),
                    ConversationMessage.Direction.INBOUND, "u-1", "hello", null, null, Instant.now()))
                    .await().atMost(WAIT);
            clientMessages.reserve(tenant, "client-1", "m-" + UUID.randomUUID(), "conv-1").await().atMost(WAIT);
            windows.admitMessage(new MessageHit(tenant, "conv-1",
                    List.of(new MessageHit.Counter("conversations-per-day", tenant, "day", 10, true))))
                    .await().atMost(WAIT);
            leases.acquire(tenant, UUID.randomUUID(), 10, Duration.ofMinutes(1)).await().atMost(WAIT);
            channelMessages.store(new ChannelMessage(tenant, "m-" + UUID.randomUUID(), "conv-1", "conn-1",
                    "telegram", "42", null, "7", "42", Instant.now())).await().atMost(WAIT);
            sendRecords.create(List.of(new SendPart(tenant, "r-" + UUID.randomUUID(), 0, 1, "conv-1", "conn-1",
                    "telegram", "42", null, "7", "hi", "hi", SendPart.PENDING, 0, 0, 0))).await().atMost(WAIT);
            rates.take(tenant, List.of(new RateGate.Key("tg:chat:conn-1:42", 1))).await().atMost(WAIT);
            voiceNotes.record(new VoiceNote(tenant, "m-" + UUID.randomUUID(), "conv-1", "conn-1", "telegram",
                    "tg:42", "tg:conn-1:" + UUID.randomUUID(), "f", "audio/ogg", 1, "", 0)).await().atMost(WAIT);
            interactions.store(tenant, "conn-1", new DiscordInteraction(String.valueOf(System.nanoTime()),
                    "123456789012345678", 2, "token-" + UUID.randomUUID(), "42", null, "7", "user", false, "ask",
                    "hi")).await().atMost(WAIT);
            // (the connections' consumer writes this table through the same statement shape)
            RowScope.inTenant(pool, tenant, tx -> tx.preparedQuery("""
                    INSERT INTO ingress.channel_connection
                        (tenant_id, connection_id, type, status, mode, settings, credentials, version)
                    VALUES ($1, $2, 'TELEGRAM', 'ACTIVE', 'WEBHOOK', '{}', '{}', 1)""")
                    .execute(Tuple.of(tenant, "conn-" + UUID.randomUUID()))).await().atMost(WAIT);
            String connection = "rls-" + UUID.randomUUID();
            Lease polling = channelLeases.tryAcquire("telegram:" + connection, "rls-test", Duration.ofMinutes(1))
                    .await().atMost(WAIT).orElseThrow();
            assertThat(pollOffsets.advance(tenant, connection, polling, 1).await().atMost(WAIT)).isTrue();
            Lease gateway = channelLeases.tryAcquire("discord-gateway:" + connection, "rls-test",
                    Duration.ofMinutes(1)).await().atMost(WAIT).orElseThrow();
            assertThat(gatewaySessions.save(tenant, connection, gateway,
                    new DiscordGatewayRepository.StoredSession("session-1", "wss://gateway.example", 7)).await()
                    .atMost(WAIT)).isTrue();
            assertThat(gatewaySessions.identified(tenant, connection, gateway, Duration.ofHours(24)).await()
                    .atMost(WAIT)).isTrue();
        }

        for (String table : TABLES) {
            // When a query without any tenant filter runs in tenant A's transaction, Then it sees only A's rows
            assertThat(RowScope.inTenant(pool, a, tx -> tenants(tx, table)).await().atMost(WAIT))
                    .as(table).isNotEmpty().containsOnly(a);
            // And a transaction that set no tenant sees nothing at all
            assertThat(tenants(pool, table).await().atMost(WAIT)).as(table).isEmpty();
            // And a cross-tenant job sees both
            assertThat(RowScope.acrossTenants(pool, tx -> tenants(tx, table)).await().atMost(WAIT)).as(table)
                    .contains(a, b);
        }

        // And tenant A's transaction can neither write a row of B nor change B's rows
        assertThatThrownBy(() -> RowScope.inTenant(pool, a, tx -> tx.query("""
                INSERT INTO ingress.conversation_message
                    (tenant_id, conversation_id, message_id, direction, text, occurred_at)
                VALUES ('%s', 'conv-1', 'm-forged', 'OUTBOUND', 'forged', now())""".formatted(b)).execute())
                .await().atMost(WAIT)).hasMessageContaining("row-level security");
        int changed = RowScope.inTenant(pool, a, tx -> tx.query(
                "UPDATE ingress.client_message SET status = 'ACCEPTED' WHERE tenant_id = '" + b + "'").execute())
                .await().atMost(WAIT).rowCount();
        assertThat(changed).isZero();
    }

    private static Uni<List<String>> tenants(SqlClient client, String table) {
        return client.query("SELECT DISTINCT tenant_id FROM " + table).execute().map(rows -> {
            List<String> tenants = new ArrayList<>();
            rows.forEach(row -> tenants.add(row.getString(0)));
            return tenants;
        });
    }
}
