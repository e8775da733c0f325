package ai.aleff.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.tenancy.ApiKeys;

/** Publishes platform events to the test broker the way services do (CloudEvents binary mode). */
public final class Events {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    public static final CloudEventCodec CODEC = new CloudEventCodec(JSON);

    private Events() {
    }

    /** A tenant known to services through the configuration topic, with a working API key. */
    public record TestTenant(String tenantId, String apiKey) {
    }

    /** Registers a new active tenant by publishing its configuration, as tenant-service does. */
    public static TestTenant newTenant(String bootstrapServers) {
        return newTenant(plain(bootstrapServers));
    }

    /** {@link #newTenant(String)} with any client properties, e.g. credentials for a secured broker. */
    public static TestTenant newTenant(Map<String, ?> clientConfig) {
        String tenantId = "t-" + UUID.randomUUID();
        String apiKey = ApiKeys.generate();
        publish(clientConfig, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), tenantId, null,
                Instant.now(), new TenantConfigurationChanged(tenantId, "Test tenant " + tenantId,
                        TenantConfigurationChanged.Status.ACTIVE, List.of(ApiKeys.hash(apiKey)), 1, Instant.now())));
        return new TestTenant(tenantId, apiKey);
    }

    public static void publish(String bootstrapServers, CloudEvent<?>... events) {
        publish(plain(bootstrapServers), events);
    }

    /** {@link #publish(String, CloudEvent...)} with any client properties. */
    public static void publish(Map<String, ?> clientConfig, CloudEvent<?>... events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (CloudEvent<?> event : events) {
            records.add(CODEC.encode(event));
        }
        send(clientConfig, records);
    }

    /** Sends raw records, e.g. malformed ones a test wants a consumer to survive. */
    public static void send(String bootstrapServers, List<ProducerRecord<String, byte[]>> records) {
        send(plain(bootstrapServers), records);
    }

    /** {@link #send(String, List)} with any client properties. */
    public static void send(Map<String, ?> clientConfig, List<ProducerRecord<String, byte[]>> records) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish test events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> plain(String bootstrapServers) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    static Duration defaultWait() {
        return Duration.ofSeconds(30);
    }
}
