package ai.aleff.platform.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.KafkaClientConfig;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.platform.metrics.KafkaClientMeters;

/**
 * Every tenant's latest configuration, read from the compacted configuration topic from its beginning by each
 * instance (no consumer group: every instance needs every tenant). Lookups are in-memory; the service is ready once
 * it has read up to the end offsets it saw at start. Services that only authenticate keep status and key hashes;
 * the assistant configuration is kept only with {@code aleff.tenant-directory.keep-assistant}.
 */
@ApplicationScoped
public class TenantDirectory {

    private static final Logger LOG = Logger.getLogger(TenantDirectory.class);

    private final CloudEventCodec codec;
    private final KafkaClientConfig kafka;
    private final TenantDirectorySettings settings;
    private final Event<TenantDeleted> deletions;
    private final Map<String, TenantView> tenants = new ConcurrentHashMap<>();
    private final Map<String, KeyEntry> keysByHash = new ConcurrentHashMap<>();
    private final Map<String, List<String>> keyHashesByTenant = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    public TenantDirectory(CloudEventCodec codec, KafkaClientConfig kafka, TenantDirectorySettings settings,
            Event<TenantDeleted> deletions) {
        this.codec = codec;
        this.kafka = kafka;
        this.settings = settings;
        this.deletions = deletions;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.enabled() && running.compareAndSet(false, true)) {
            reader = Thread.ofVirtual().name("tenant-directory").start(this::readForever);
        }
    }

    /** A key of a known tenant, valid at {@code now}. */
    private record KeyEntry(String tenantId, Instant expiresAt) {

        boolean validAt(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    /**
     * What the key with this hash gives access to, if it is a current key of a known tenant and not expired (the old
     * key of a rotation is refused from the expiry the configuration names, without waiting for another event).
     */
    public Optional<ApiKeyAccess> access(String keyHash) {
        KeyEntry key = keyHash == null ? null : keysByHash.get(keyHash);
        if (key == null || !key.validAt(Instant.now())) {
            return Optional.empty();
        }
        TenantView tenant = tenants.get(key.tenantId());
        return tenant == null
                ? Optional.empty()
                : Optional.of(new ApiKeyAccess(key.tenantId(), keyHash, tenant.active()));
    }

    public Optional<TenantView> find(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    /** Whether the directory has read every configuration published before this instance started. */
    public boolean isCaughtUp() {
        return !settings.enabled() || caughtUp;
    }

    void apply(TenantConfigurationChanged config) {
        TenantView current = tenants.get(config.tenantId());
        if (current != null && current.version() > config.version()) {
            return;
        }
        tenants.put(config.tenantId(), TenantView.of(config, settings.keepAssistant()));
        List<String> previous = keyHashesByTenant.put(config.tenantId(), List.copyOf(config.apiKeyHashes()));
        if (previous != null) {
            previous.stream().filter(h -> !config.apiKeyHashes().contains(h)).forEach(keysByHash::remove);
        }
        config.apiKeyHashes().forEach(hash -> keysByHash.put(hash,
                new KeyEntry(config.tenantId(), config.apiKeyExpiries().get(hash))));
        if (config.status() == TenantConfigurationChanged.Status.DELETED && deletions != null) {
            deletions.fireAsync(new TenantDeleted(config.tenantId()));
        }
    }

    private void readForever() {
        while (running.get()) {
            try (KafkaConsumer<String, byte[]> c = newConsumer(); var meters = KafkaClientMeters.bind(c)) {
                consumer = c;
                Map<TopicPartition, Long> endAtStart = assignFromBeginning(c);
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(settings.pollTimeout())) {
                        applyRecord(record);
                    }
                    if (!caughtUp && reached(c, endAtStart)) {
                        caughtUp = true;
                        LOG.infof("Tenant directory loaded: %d tenants", tenants.size());
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Tenant directory reader failed (%s); retrying", e.toString());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private Map<TopicPartition, Long> assignFromBeginning(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = List.of();
        while (running.get() && partitions.isEmpty()) {
            partitions = c.partitionsFor(Topics.TENANT_CONFIG, Duration.ofSeconds(10))
                    .stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                pause(Duration.ofMillis(500));
            }
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return new HashMap<>(c.endOffsets(partitions));
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        Set<TopicPartition> assigned = c.assignment();
        return end.entrySet().stream().allMatch(e -> !assigned.contains(e.getKey())
                || c.position(e.getKey()) >= e.getValue());
    }

    private void applyRecord(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            CloudEvent<TenantConfigurationChanged> event = codec.decode(record, TenantConfigurationChanged.class);
            apply(event.data());
        } catch (MalformedEventException e) {
            LOG.warnf("Skipping malformed tenant configuration at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> config = kafka.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "tenant-directory-" + ProcessHandle.current().pid()));
        // Every instance reads every partition itself: a global group.id must not make it a group member.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
