package ai.aleff.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floor under the added latency: how long one record takes from a producer (acks=all, linger 1 ms, as the
 * services use) to a subscribed consumer on the platform's own broker, with nothing of ours in between. A reply
 * crosses two such hops (inbound, outbound), so twice this figure is latency no code change in the services removes.
 */
final class KafkaHopProbe {

    static final String TOPIC = "aleff.bench.hop-probe";

    private KafkaHopProbe() {
    }

    static LatencySummary measure(String bootstrapServers, int samples) {
        createTopic(bootstrapServers);
        Properties producerProps = new Properties();
        producerProps.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1));
        Properties consumerProps = new Properties();
        consumerProps.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-hop-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
        List<Long> hops = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps,
                        new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long assignDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < assignDeadline) {
                consumer.poll(Duration.ofMillis(100));
            }
            // Warm-up: connections, metadata, JIT.
            for (int i = 0; i < samples + 20; i++) {
                String marker = UUID.randomUUID().toString();
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, marker, marker));
                if (awaitMarker(consumer, marker) && i >= 20) {
                    hops.add(System.nanoTime() - start);
                }
            }
        }
        return LatencySummary.ofNanos(hops);
    }

    private static boolean awaitMarker(KafkaConsumer<String, String> consumer, String marker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (marker.equals(record.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void createTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + TOPIC, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating " + TOPIC, e);
        }
    }
}
