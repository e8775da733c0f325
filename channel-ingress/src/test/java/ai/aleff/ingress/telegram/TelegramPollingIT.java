package ai.aleff.ingress.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.TestTenants;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.repository.TelegramPollOffsetRepository;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.lease.LeaseState;
import ai.aleff.platform.lease.Leases;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.secrets.SecretSettings;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.channels.TelegramPollingApi;

/**
 * Telegram long polling against the getUpdates emulator, a real broker and a real PostgreSQL: exactly once into
 * Kafka, offsets only after the intake completed, 409/429/401 without tight loops, and the lease moving to another
 * poller that resumes from the stored offset. A second instance is a second {@link TelegramPolling} in this JVM with
 * its own holder id (two Quarkus apps would double the test's cost).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = TelegramPollingEmulator.class, restrictToAnnotatedClass = true)
class TelegramPollingIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** tenant-service's fixed, public test key (the %test profile's aleff.secrets.keys.test). */
    private static final SecretCipher CIPHER = new SecretCipher(new SecretSettings() {
        @Override
        public Map<String, String> keys() {
            return Map.of("test", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        }

        @Override
        public Optional<String> activeKey() {
            return Optional.of("test");
        }

        @Override
        public boolean legacyReadable() {
            return false;
        }
    });

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TelegramPolling polling;

    @Inject
    ChannelConnections connections;

    @Inject
    TelegramUpdateIntake intake;

    @Inject
    TelegramGetUpdates api;

    @Inject
    TelegramPollOffsetRepository offsets;

    @Inject
    Leases leases;

    @Inject
    TelegramPollingSettings settings;

    @Inject
    PollingReports reports;

    private final TelegramPollingApi telegram = TelegramPollingEmulator.api();

    @Test
    void updatesServedByTelegramBecomeMessageReceivedExactlyOnceAndAreConfirmedAfterwards() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a tenant's Telegram bot connected in polling mode, with updates already waiting at Telegram
            Bot bot = connect();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(telegram.sendText(bot.token, 4242, "before " + i));
            }

            // When the poller runs and more updates arrive during its long polls
            await().atMost(WAIT).until(() -> telegram.calls(bot.token) > 0);
            for (int i = 0; i < 3; i++) {
                ids.add(telegram.sendText(bot.token, 4242, "during " + i));
            }
            long marker = telegram.sendText(bot.token, 4242, "marker");

            // Then each became one MessageReceived (counted once the last one, the marker, is there)
            inbound.awaitOne(MessageReceived.class,
                    m -> m.tenantId().equals(bot.tenantId) && "marker".equals(m.text()));
            List<String> texts = inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId))
                    .stream().map(e -> e.data().text()).toList();
            assertThat(texts).containsExactly("before 0", "before 1", "before 2", "during 0", "during 1", "during 2",
                    "marker");
            // And Telegram saw each handed out once and confirmed, and the stored offset is after the last one
            await().atMost(WAIT).until(() -> telegram.pending(bot.token).isEmpty());
            ids.add(marker);
            assertThat(telegram.confirmed(bot.token)).containsExactlyElementsOf(ids);
            assertThat(telegram.handouts(bot.token)).allSatisfy((id, n) -> assertThat(n).as("update " + id).isOne());
            assertThat(telegram.handoutsAfterConfirmation(bot.token)).isEmpty();
            assertThat(storedOffset(bot)).contains(marker + 1);
            assertThat(reports.state(bot.connectionId)).isEqualTo(PollingReports.State.POLLING);
        }
    }

    @Test
    void theOffsetMovesOnlyAfterEveryUpdateOfTheBatchCompletedInOrder() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given one batch of three updates, and an instance whose intake holds back the second one's completion
            // after it is on Kafka
            Bot bot = new Bot();
            long first = telegram.sendText(bot.token, 7, "first");
            long held = telegram.sendText(bot.token, 7, "held");
            long third = telegram.sendText(bot.token, 7, "third");
            CompletableFuture<Void> release = new CompletableFuture<>();
            List<Long> handed = new CopyOnWriteArrayList<>();
            TelegramPoller.Intake gated = (connection, update) -> {
                long id = update.path("update_id").asLong();
                handed.add(id);
                Uni<?> accepted = intake.accept(connection, update);
                return id == held ? accepted.chain(() -> Uni.createFrom().completionStage(release)) : accepted;
            };
            polling.stop();
            TelegramPolling other = instance("instance-gated", gated);
            try {
                other.start();
                bot.register();

                // When the held update is already on Kafka
                inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)
                        && "held".equals(m.text()));

                // Then the third was not handed over yet, nothing was stored or confirmed, no further call was made
                assertThat(handed).containsExactly(first, held);
                assertThat(storedOffset(bot)).isEmpty();
                assertThat(telegram.confirmed(bot.token)).isEmpty();
                assertThat(telegram.requestedOffsets(bot.token)).containsOnly(0L);

                // And once the held update completes, the batch is stored and confirmed as a whole
                release.complete(null);
                await().atMost(WAIT).until(() -> storedOffset(bot).equals(Optional.of(third + 1)));
                await().atMost(WAIT).until(() -> telegram.confirmed(bot.token).size() == 3);
                assertThat(handed).containsExactly(first, held, third);
            } finally {
                release.complete(null);
                other.stop();
                polling.start();
            }
        }
    }

    @Test
    void whenTheHolderDiesTheLeaseMovesAndTheNewHolderResumesFromTheStoredOffsetWithoutLossOrDuplicate() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given two instances (this app's poller paused for the test) and a bot one of them polls
            polling.stop();
            TelegramPolling b1 = instance("instance-b1", intake::accept);
            TelegramPolling b2 = instance("instance-b2", intake::accept);
            try {
                b1.start();
                b2.start();
                Bot bot = connect();
                LeaseState first = await().atMost(WAIT).until(() -> lease(bot), s -> s.isPresent() && s.get().held())
                        .orElseThrow();
                List<Long> before = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    before.add(telegram.sendText(bot.token, 9, "before failover " + i));
                }
                await().atMost(WAIT).until(() -> telegram.confirmed(bot.token).containsAll(before));
                assertThat(storedOffset(bot)).contains(before.getLast() + 1);

                // When its holder is killed (no release: the lease runs out by its ttl)
                TelegramPolling holder = first.holder().equals(b1.holder()) ? b1 : b2;
                TelegramPolling survivor = holder == b1 ? b2 : b1;
                int callsBefore = telegram.calls(bot.token);
                Instant killed = Instant.now();
                holder.crash();

                // Then the survivor takes the lease at a higher epoch and polls from the stored offset
                LeaseState next = await().atMost(WAIT).until(() -> lease(bot),
                        s -> s.isPresent() && s.get().holder().equals(survivor.holder())).orElseThrow();
                Duration failover = Duration.between(killed, Instant.now());
                assertThat(next.epoch()).isGreaterThan(first.epoch());
                await().atMost(WAIT).until(() -> telegram.calls(bot.token) > callsBefore + 1);
                assertThat(telegram.requestedOffsets(bot.token).getLast()).isEqualTo(before.getLast() + 1);
                List<Long> after = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    after.add(telegram.sendText(bot.token, 9, "after failover " + i));
                }
                long marker = telegram.sendText(bot.token, 9, "marker");

                // And every update is on Kafka once, handed out once by Telegram, and confirmed
                inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)
                        && "marker".equals(m.text()));
                assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)).stream()
                        .map(e -> e.data().text()).toList()).containsExactly("before failover 0",
                                "before failover 1", "before failover 2", "after failover 0", "after failover 1",
                                "after failover 2", "marker");
                await().atMost(WAIT).until(() -> telegram.pending(bot.token).isEmpty());
                assertThat(telegram.handouts(bot.token)).hasSize(7)
                        .allSatisfy((id, n) -> assertThat(n).as("update " + id).isOne());
                assertThat(telegram.handoutsAfterConfirmation(bot.token)).isEmpty();
                System.out.printf("Telegram polling failover: lease %s moved in %d ms (ttl %s)%n", next.epoch(),
                        failover.toMillis(), settings.leaseTtl());
            } finally {
                b1.stop();
                b2.stop();
                polling.start();
            }
        }
    }

    @Test
    void aConflictIsReportedOnceAndRetriedSlowlyNotInATightLoop() {
        try (EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT);
                EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a polling connection whose bot still has a webhook set
            Bot bot = new Bot();
            telegram.webhookActive(bot.token, true);
            bot.register();

            // When the poller meets the 409 three times
            await().atMost(WAIT).until(() -> telegram.calls(bot.token) >= 3);

            // Then the calls were a conflict backoff apart, the state says why, one audit record says so
            List<Instant> times = telegram.callTimes(bot.token);
            assertThat(Duration.between(times.get(0), times.get(2)))
                    .isGreaterThanOrEqualTo(settings.conflictBackoff().multipliedBy(2).minusMillis(200));
            assertThat(reports.state(bot.connectionId)).isEqualTo(PollingReports.State.CONFLICT_WEBHOOK);
            audit.awaitOne(AuditRecord.class, r -> r.tenantId().equals(bot.tenantId)
                    && r.action().equals("channel.polling-conflict") && r.subjectId().equals(bot.connectionId));

            // And once the webhook is gone, polling resumes and the waiting update arrives
            telegram.webhookActive(bot.token, false);
            telegram.sendText(bot.token, 5, "after the conflict");
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId));
            assertThat(audit.events(AuditRecord.class, r -> r.subjectId().equals(bot.connectionId)
                    && r.action().equals("channel.polling-conflict"))).hasSize(1);
        }
    }

    @Test
    void aRateLimitIsWaitedOutAsTelegramAsksAndARevokedTokenStopsTheLoop() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a bot whose first call is answered 429 with retry_after 2
            Bot bot = new Bot();
            telegram.rateLimit(bot.token, 1, 2);
            telegram.sendText(bot.token, 3, "after the rate limit");
            bot.register();

            // When the poller gets its update
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId));

            // Then its second call came no sooner than Telegram asked
            List<Instant> times = telegram.callTimes(bot.token);
            assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));

            // And when the token is revoked, the loop stops: reported, its lease released, no further call
            int beforeRevoke = telegram.revoke(bot.token);
            await().atMost(WAIT).until(() -> reports.state(bot.connectionId) == PollingReports.State.UNAUTHORIZED);
            // (the lease is released when the loop has ended, so no call can follow)
            await().atMost(WAIT).until(() -> lease(bot).map(s -> !s.held()).orElse(false));
            assertThat(telegram.calls(bot.token)).isEqualTo(beforeRevoke + 1);
        }
    }

    private TelegramPolling instance(String holder, TelegramPoller.Intake with) {
        return new TelegramPolling(connections, with, api, offsets, leases, settings, reports,
                holder + "-" + UUID.randomUUID());
    }

    private Optional<Long> storedOffset(Bot bot) {
        return offsets.find(bot.tenantId, bot.connectionId).await().atMost(WAIT);
    }

    private Optional<LeaseState> lease(Bot bot) {
        return leases.current(TelegramPoller.leaseName(bot.connectionId)).await().atMost(WAIT);
    }

    private Bot connect() {
        Bot bot = new Bot();
        bot.register();
        return bot;
    }

    /** A tenant's bot known to the emulator, and its connection as tenant-service would publish it. */
    private final class Bot {
        final String tenantId = TestTenants.register(bootstrap).tenantId();
        final String connectionId = newConnectionId();
        final String botId = String.valueOf(100_000 + RANDOM.nextInt(900_000));
        final String token = botId + ":" + newConnectionId();

        Bot() {
            telegram.addBot(token);
        }

        void register() {
            ChannelConnectionChanged changed = new ChannelConnectionChanged(tenantId, connectionId, Type.TELEGRAM,
                    "Polled bot", Status.ACTIVE, Mode.POLLING, Settings.defaults(), new Account(botId, "polled_bot"),
                    Map.of(ChannelConnectionChanged.BOT_TOKEN, CIPHER.encrypt(SecretPlace.channelCredential(tenantId,
                            connectionId, ChannelConnectionChanged.BOT_TOKEN), token)),
                    1, Instant.now());
            ProducerRecord<String, byte[]> encoded = Events.CODEC.encode(CloudEvent.of("tenant-service",
                    UUID.randomUUID().toString(), tenantId, null, Instant.now(), changed));
            Events.send(bootstrap, List.of(new ProducerRecord<>(encoded.topic(), null, connectionId,
                    encoded.value(), encoded.headers())));
        }
    }

    private static String newConnectionId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
