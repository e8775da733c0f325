package ai.aleff.agent.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/**
 * A focused benchmark of one worker, printing figures, asserting nothing about speed. Run it with
 * {@code ./mvnw -pl agent-worker verify -Dit.test=LaneThroughputBenchIT -Daleff.bench=true}.
 * <ul>
 * <li>Throughput: 200 conversations over 20 tenants (under the per-tenant cap), one message each, at once, against
 * a model that takes 1 s; replies per second from the first send to the last reply (ideal: 200/s).</li>
 * <li>Added latency: one turn at a time with an instant model; per turn, the reply's occurrence time minus the
 * message's, i.e. the inbound Kafka hop plus everything the worker does around the model call.</li>
 * </ul>
 */
@QuarkusTest
@TestProfile(BenchModelProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@EnabledIfSystemProperty(named = "aleff.bench", matches = "true")
class LaneThroughputBenchIT {

    private static final int CONVERSATIONS = 200;
    private static final int TENANTS = 20;
    private static final int LATENCY_TURNS = 200;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void printsRepliesPerSecondAndAddedLatency() {
        SlowModelServer model = BenchModelProfile.Resource.model;
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.LINGER_MS_CONFIG, 0),
                        new StringSerializer(), new ByteArraySerializer())) {
            // Registered before the clock starts: the tenants' configuration is not part of the measurement.
            List<String> tenants = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                tenants.add(TestMessages.newTenant());
            }
            // Warm-up: JIT, connection pools, partition assignment
            model.delay(Duration.ZERO);
            runBatch(replies, producer, tenants, 40, "warm");

            model.delay(Duration.ofSeconds(1));
            long started = System.nanoTime();
            runBatch(replies, producer, tenants, CONVERSATIONS, "load");
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("BENCH agent-worker: %d conversations, 1 s model: %.1f replies/s (%.2f s), peak model"
                    + " concurrency %d%n", CONVERSATIONS, CONVERSATIONS / seconds, seconds, model.maxInFlight());

            model.delay(Duration.ZERO);
            List<Long> micros = new ArrayList<>();
            String tenant = TestMessages.newTenant();
            for (int i = 0; i < LATENCY_TURNS; i++) {
                // The message's time is taken just before its send on an open producer.
                CloudEvent<MessageReceived> message = TestMessages.message(tenant,
                        TestMessages.newConversation(), "latency " + i);
                send(producer, message);
                CloudEvent<ReplyReady> reply = replies.awaitOne(ReplyReady.class,
                        r -> r.inReplyTo().equals(message.data().messageId()));
                micros.add(Duration.between(message.data().receivedAt(), reply.data().createdAt()).toNanos() / 1000);
            }
            Collections.sort(micros);
            System.out.printf("BENCH agent-worker: instant model, %d sequential turns: added latency p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms%n", LATENCY_TURNS, micros.get(micros.size() / 2) / 1000.0,
                    micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                    micros.get(micros.size() - 1) / 1000.0);
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, CloudEvent<?> event) {
        try {
            producer.send(Events.CODEC.encode(event)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send a benchmark message", e);
        }
    }

    private void runBatch(EventProbe replies, KafkaProducer<String, byte[]> producer, List<String> tenants,
            int conversations, String label) {
        List<CloudEvent<MessageReceived>> batch = new ArrayList<>();
        String run = label + "-" + Instant.now().toEpochMilli();
        for (int c = 0; c < conversations; c++) {
            batch.add(TestMessages.message(tenants.get(c % TENANTS), "bench-" + run + "-c" + c, label + " " + c));
        }
        Set<String> ids = batch.stream().map(e -> e.data().messageId()).collect(Collectors.toSet());
        // All at once: sent without waiting for each acknowledgement, as many clients would.
        batch.forEach(message -> producer.send(Events.CODEC.encode(message)));
        producer.flush();
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> replies.events(ReplyReady.class, r -> ids.contains(r.inReplyTo())).size() == ids.size());
    }
}
