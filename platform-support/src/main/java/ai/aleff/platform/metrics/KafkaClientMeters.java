package ai.aleff.platform.metrics;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Kafka's own client metrics (records sent, request latency, consumer lag {@code records-lag-max}, ...) for the raw
 * clients the platform creates itself; Quarkus binds the SmallRye channels' clients on its own. Bound to the global
 * registry, where Quarkus adds its Prometheus registry. Close the returned binder with the client.
 */
public final class KafkaClientMeters {

    private KafkaClientMeters() {
    }

    public static KafkaClientMetrics bind(Producer<?, ?> producer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(Metrics.globalRegistry);
        return metrics;
    }

    public static KafkaClientMetrics bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(Metrics.globalRegistry);
        return metrics;
    }
}
