package ai.aleff.platform.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import ai.aleff.testkit.PostgresServer;

/** The single-holder lease against a real PostgreSQL: one winner, takeover after expiry, fenced stale holders. */
class LeaseIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TABLE = "svc.lease";

    static {
        // Outside Quarkus, SmallRye's context propagation races on its first concurrent use; nothing here needs it.
        Infrastructure.clearInterceptors();
    }

    private final Vertx vertx = Vertx.vertx();
    private Pool pool;
    private Leases leases;

    @BeforeEach
    void start() throws Exception {
        String database = PostgresServer.createDatabase("lease");
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(database),
                PostgresServer.USER, PostgresServer.PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA svc");
            statement.execute("""
                    CREATE TABLE svc.lease (
                        name        text        PRIMARY KEY,
                        holder      text        NOT NULL,
                        epoch       bigint      NOT NULL,
                        expires_at  timestamptz NOT NULL,
                        acquired_at timestamptz NOT NULL DEFAULT now())""");
            // What a holder guards with its lease: a durable position only the current holder may move.
            statement.execute("CREATE TABLE svc.position (name text PRIMARY KEY, value bigint NOT NULL)");
        }
        pool = PgBuilder.pool()
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(PostgresServer.port())
                        .setDatabase(database).setUser(PostgresServer.USER).setPassword(PostgresServer.PASSWORD))
                .with(new PoolOptions().setMaxSize(8))
                .using(vertx)
                .build();
        leases = new Leases(pool, new LeaseTable(TABLE));
    }

    @AfterEach
    void stop() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void ofEightInstancesRacingForAFreeLeaseExactlyOneGetsIt() {
        // Given eight holders asking for the same free lease at the same moment
        List<Uni<Optional<Lease>>> attempts = IntStream.range(0, 8)
                .mapToObj(i -> leases.tryAcquire("telegram:race", "instance-" + i, Duration.ofSeconds(30)))
                .toList();

        // When they all run
        List<Optional<Lease>> results = Uni.join().all(attempts).andFailFast().await().atMost(WAIT);

        // Then one of them holds it, at the first epoch, and the table names that one
        List<Lease> won = results.stream().flatMap(Optional::stream).toList();
        assertThat(won).hasSize(1);
        assertThat(won.getFirst().epoch()).isEqualTo(1);
        LeaseState state = leases.current("telegram:race").await().atMost(WAIT).orElseThrow();
        assertThat(state.holder()).isEqualTo(won.getFirst().holder());
        assertThat(state.held()).isTrue();
    }

    @Test
    void anExpiredLeaseIsTakenOverWithAHigherEpochAndTheStaleHolderCanNeitherRenewNorWrite() {
        // Given holder A with a one-second lease that it does not renew (its process froze)
        Lease a = leases.tryAcquire("telegram:expiry", "a", Duration.ofSeconds(1)).await().atMost(WAIT).orElseThrow();
        assertThat(leases.tryAcquire("telegram:expiry", "b", Duration.ofSeconds(30)).await().atMost(WAIT)).isEmpty();
        assertThat(fencedWrite(a, 1)).isTrue();

        // When the lease has run out by the database's clock and B asks again
        Awaitility.await().atMost(WAIT).until(() -> !leases.current("telegram:expiry").await().atMost(WAIT)
                .orElseThrow().held());
        Lease b = leases.tryAcquire("telegram:expiry", "b", Duration.ofSeconds(30)).await().atMost(WAIT)
                .orElseThrow();

        // Then B holds it with a higher epoch; A, back to life, can neither renew it nor move the guarded position
        assertThat(b.epoch()).isGreaterThan(a.epoch());
        assertThat(leases.renew(a, Duration.ofSeconds(30)).await().atMost(WAIT)).isEmpty();
        assertThat(fencedWrite(a, 2)).isFalse();
        assertThat(fencedWrite(b, 3)).isTrue();
        assertThat(position()).isEqualTo(3);
        assertThat(leases.release(a).await().atMost(WAIT)).isFalse();
        assertThat(leases.current("telegram:expiry").await().atMost(WAIT).orElseThrow().holder()).isEqualTo("b");
    }

    @Test
    void aHeldLeaseOutlivesItsTtlByRenewalAndAReleasedOneIsTakenAtOnceWithAHigherEpoch() {
        // Given A holding a lease of 1.5 s renewed every 0.5 s
        LeaseTiming timing = new LeaseTiming(Duration.ofMillis(1500), Duration.ofMillis(500));
        HeldLease a = leases.tryHold("telegram:renewed", "a", timing, () -> {
        }).orElseThrow();
        long firstExpiry = a.lease().expiresAt().toEpochMilli();

        // When more than a ttl has passed
        Awaitility.await().atMost(WAIT).until(() -> a.lease().expiresAt().toEpochMilli() > firstExpiry + 1500);

        // Then A still holds it and B cannot take it
        assertThat(a.held()).isTrue();
        assertThat(leases.tryAcquire("telegram:renewed", "b", timing.ttl()).await().atMost(WAIT)).isEmpty();

        // And when A releases it, B takes it at once, at a higher epoch
        a.close();
        assertThat(a.held()).isFalse();
        Lease b = leases.tryAcquire("telegram:renewed", "b", timing.ttl()).await().atMost(WAIT).orElseThrow();
        assertThat(b.epoch()).isEqualTo(a.lease().epoch() + 1);
    }

    @Test
    void aHolderWhoseLeaseWasTakenLearnsItAtItsNextRenewalAndStops() {
        // Given A holding a lease renewed every 0.5 s
        CountDownLatch lost = new CountDownLatch(1);
        AtomicInteger lostCalls = new AtomicInteger();
        LeaseTiming timing = new LeaseTiming(Duration.ofSeconds(3), Duration.ofMillis(500));
        HeldLease a = leases.tryHold("telegram:stale", "a", timing, () -> {
            lostCalls.incrementAndGet();
            lost.countDown();
        }).orElseThrow();

        // When its renewals come too late (it expired, as after a long pause) and B took it over
        pool.query("UPDATE svc.lease SET expires_at = now() WHERE name = 'telegram:stale'").execute()
                .await().atMost(WAIT);
        Lease b = leases.tryAcquire("telegram:stale", "b", Duration.ofSeconds(30)).await().atMost(WAIT)
                .orElseThrow();

        // Then A is told once, no longer believes it holds the lease, and cannot write; B keeps it
        Awaitility.await().atMost(WAIT).until(() -> lost.getCount() == 0);
        assertThat(a.held()).isFalse();
        assertThat(fencedWrite(a.lease(), 7)).isFalse();
        a.close();
        assertThat(lostCalls).hasValue(1);
        LeaseState state = leases.current("telegram:stale").await().atMost(WAIT).orElseThrow();
        assertThat(state.holder()).isEqualTo("b");
        assertThat(state.epoch()).isEqualTo(b.epoch());
        assertThat(state.held()).isTrue();
    }

    @Test
    void anAbandonedLeaseStaysTakenUntilItsTtlThenMovesOn() {
        // Given A holding a lease of 1.5 s that dies without releasing it (kill -9)
        LeaseTiming timing = new LeaseTiming(Duration.ofMillis(1500), Duration.ofMillis(500));
        HeldLease a = leases.tryHold("telegram:abandoned", "a", timing, () -> {
        }).orElseThrow();
        a.abandon();

        // When B keeps asking
        assertThat(leases.tryAcquire("telegram:abandoned", "b", timing.ttl()).await().atMost(WAIT)).isEmpty();
        Lease b = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> leases.tryAcquire("telegram:abandoned", "b", timing.ttl()).await().atMost(WAIT),
                        Optional::isPresent)
                .orElseThrow();

        // Then B gets it once the ttl has run out, at the next epoch
        assertThat(b.epoch()).isEqualTo(a.lease().epoch() + 1);
    }

    /** Moves the guarded position to {@code value} only while {@code lease} is held; whether it moved. */
    private boolean fencedWrite(Lease lease, long value) {
        String sql = "INSERT INTO svc.position (name, value) SELECT $1, $4 WHERE "
                + leases.table().stillHeld(1)
                + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value";
        return pool.withTransaction(tx -> tx.preparedQuery(sql)
                .execute(Tuple.of(lease.name(), lease.holder(), lease.epoch(), value)))
                .await().atMost(WAIT).rowCount() == 1;
    }

    private long position() {
        return pool.query("SELECT value FROM svc.position").execute().await().atMost(WAIT).iterator().next()
                .getLong(0);
    }
}
