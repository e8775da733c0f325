package ai.aleff.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import ai.aleff.platform.events.CloudEvent;

/**
 * Watches one topic from the moment it is opened and keeps every record, so a test can await the events its action
 * caused. Close it (try-with-resources) at the end of the test.
 */
public final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private EventProbe(Map<String, ?> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic).isEmpty());
        List<TopicPartition> partitions = consumer.partitionsFor(topic)
                .stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().daemon().name("event-probe-" + topic).start(this::poll);
    }

    public static EventProbe open(String bootstrapServers, String topic) {
        return new EventProbe(Events.plain(bootstrapServers), topic);
    }

    /** {@link #open(String, String)} with any client properties, e.g. credentials for a secured broker. */
    public static EventProbe open(Map<String, ?> clientConfig, String topic) {
        return new EventProbe(clientConfig, topic);
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    /** Every event of this payload type seen so far that matches. */
    public <T extends Record> List<CloudEvent<T>> events(Class<T> type, Predicate<T> filter) {
        return records.stream()
                .map(r -> Events.CODEC.decode(r, type))
                .filter(e -> filter.test(e.data()))
                .toList();
    }

    /** Waits until at least {@code count} matching events arrived, and returns them all. */
    public <T extends Record> List<CloudEvent<T>> await(Class<T> type, Predicate<T> filter, int count) {
        Awaitility.await().atMost(Events.defaultWait()).until(() -> events(type, filter).size() >= count);
        return events(type, filter);
    }

    /**
     * Waits until matching events of {@code count} distinct ids arrived, and returns the first event of each id in
     * the order the ids were first seen: an outbox relay may publish an event again under the same id (consumers
     * deduplicate by id), and such a repeat must not count as one more event.
     */
    public <T extends Record> List<CloudEvent<T>> awaitDistinct(Class<T> type, Predicate<T> filter, int count) {
        Awaitility.await().atMost(Events.defaultWait()).until(() -> distinct(type, filter).size() >= count);
        return distinct(type, filter);
    }

    /** The first event of each id seen so far that matches, in the order the ids were first seen. */
    public <T extends Record> List<CloudEvent<T>> distinct(Class<T> type, Predicate<T> filter) {
        Map<String, CloudEvent<T>> firstById = new LinkedHashMap<>();
        events(type, filter).forEach(event -> firstById.putIfAbsent(event.id(), event));
        return List.copyOf(firstById.values());
    }

    public <T extends Record> CloudEvent<T> awaitOne(Class<T> type, Predicate<T> filter) {
        return await(type, filter, 1).get(0);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
