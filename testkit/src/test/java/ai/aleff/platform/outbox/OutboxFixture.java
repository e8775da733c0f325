package ai.aleff.platform.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.EventPublisher;
import ai.aleff.platform.messaging.FixedKafkaSettings;
import ai.aleff.platform.messaging.KafkaClientConfig;
import ai.aleff.platform.messaging.KafkaSettings;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaBroker;
import ai.aleff.testkit.PostgresServer;

/** A real PostgreSQL database with an outbox table in the shared layout, a real broker, and outboxes over them. */
final class OutboxFixture implements AutoCloseable {

    static final String TABLE = "svc.outbox";
    /** A broker address where nothing listens: every publish fails, as during a Kafka outage. */
    static final String NO_BROKER = "127.0.0.1:1";

    static {
        // Outside Quarkus, SmallRye's context propagation races on its first concurrent use; nothing here needs it.
        Infrastructure.clearInterceptors();
    }

    final Vertx vertx = Vertx.vertx();
    final Pool pool;
    private final List<AutoCloseable> closing = new java.util.ArrayList<>();

    OutboxFixture() throws Exception {
        String database = PostgresServer.createDatabase("outbox");
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(database),
                PostgresServer.USER, PostgresServer.PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA svc");
            statement.execute("""
                    CREATE TABLE svc.outbox (
                        id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        event_id        text        NOT NULL UNIQUE,
                        ce_type         text        NOT NULL,
                        source          text        NOT NULL,
                        event_time      timestamptz NOT NULL,
                        tenant_id       text        NOT NULL,
                        conversation_id text,
                        payload         text        NOT NULL,
                        created_at      timestamptz NOT NULL DEFAULT now(),
                        sent_at         timestamptz,
                        traceparent     text,
                        tracestate      text)""");
            statement.execute("CREATE INDEX outbox_unsent ON svc.outbox (id) WHERE sent_at IS NULL");
        }
        pool = PgBuilder.pool()
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(PostgresServer.port())
                        .setDatabase(database).setUser(PostgresServer.USER).setPassword(PostgresServer.PASSWORD))
                .with(new PoolOptions().setMaxSize(8))
                .using(vertx)
                .build();
        createTopic(Topics.AUDIT);
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** An outbox and its relay publishing to {@code bootstrapServers}, relay started. */
    Outbox outbox(OutboxSettings.Ordering ordering, Duration relayDelay, String bootstrapServers) {
        EventPublisher publisher = new EventPublisher(Events.CODEC, clients(bootstrapServers), kafka(bootstrapServers));
        OutboxSettings settings = settings(TABLE, ordering, relayDelay);
        OutboxRelay relay = new OutboxRelay(pool, publisher, settings, Events.JSON, vertx);
        relay.start();
        closing.add(relay::stop);
        return new Outbox(pool, publisher, relay, settings);
    }

    /** Stops every relay started so far, as when their instance dies. */
    void stopRelays() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** Runs {@code work} in one transaction and commits it (or rolls it back when it fails). */
    Uni<Void> inTransaction(java.util.function.Function<SqlConnection, Uni<Void>> work) {
        return pool.withTransaction(work);
    }

    /** A purge over the fixture's table, keeping sent events for an hour; not scheduled. */
    OutboxPurge purge() {
        return new OutboxPurge(pool, settings(TABLE, OutboxSettings.Ordering.PER_KEY, Duration.ZERO), Events.JSON,
                vertx);
    }

    /** Runs {@code sql} (a statement of the test's own, e.g. ageing rows). */
    void execute(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10));
    }

    /** The event ids in the table, in insertion order. */
    List<String> storedEventIds() {
        List<String> ids = new java.util.ArrayList<>();
        pool.query("SELECT event_id FROM svc.outbox ORDER BY id").execute().await().atMost(Duration.ofSeconds(10))
                .forEach(row -> ids.add(row.getString(0)));
        return ids;
    }

    long unsentCount() {
        return pool.query("SELECT count(*) FROM svc.outbox WHERE sent_at IS NULL").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    static CloudEvent<AuditRecord> audit(String tenantId, String conversationId, String action) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return CloudEvent.of("outbox-test", id, tenantId, conversationId, now,
                new AuditRecord(id, tenantId, conversationId, "outbox-test", action, id, "", now));
    }

    /** A relay, not started, over {@code table}, after running {@code ddl}. */
    OutboxRelay relayOver(String table, String ddl) {
        pool.query(ddl).execute().await().atMost(Duration.ofSeconds(10));
        return new OutboxRelay(pool, new EventPublisher(Events.CODEC, clients(KafkaBroker.bootstrapServers()),
                kafka(KafkaBroker.bootstrapServers())),
                settings(table, OutboxSettings.Ordering.PER_KEY, Duration.ZERO), Events.JSON, vertx);
    }

    private static OutboxSettings settings(String table, OutboxSettings.Ordering ordering, Duration relayDelay) {
        return new OutboxSettings() {
            @Override
            public Optional<String> table() {
                return Optional.of(table);
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofMillis(200);
            }

            @Override
            public int batchSize() {
                // Small, so a backlog takes several passes.
                return 5;
            }

            @Override
            public Ordering ordering() {
                return ordering;
            }

            @Override
            public Duration relayDelay() {
                return relayDelay;
            }

            @Override
            public Duration sentRetention() {
                return Duration.ofHours(1);
            }

            @Override
            public Duration purgeInterval() {
                return Duration.ofMinutes(1);
            }
        };
    }

    private static KafkaClientConfig clients(String bootstrapServers) {
        return KafkaClientConfig.of(Map.of("bootstrap.servers", bootstrapServers));
    }

    private static KafkaSettings kafka(String bootstrapServers) {
        return FixedKafkaSettings.defaults(bootstrapServers).withPublishTimeout(Duration.ofSeconds(2))
                .withoutProvisioning();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }
}
