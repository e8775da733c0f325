package ai.aleff.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Retries and dead letters of one consumer group. Consumers build their {@code ConsumerDispatcher} themselves (it is
 * no bean), so this reaches Quarkus' registry through Micrometer's global registry, where Quarkus adds it. Both
 * counters exist from the start at 0, so an alert's {@code increase()} sees the first dead letter.
 */
public final class ConsumerMeters {

    private final Counter retries;
    private final Counter deadLetters;

    public ConsumerMeters(String consumerGroup) {
        this(Metrics.globalRegistry, consumerGroup);
    }

    public ConsumerMeters(MeterRegistry registry, String consumerGroup) {
        this.retries = registry.counter(MetricNames.CONSUMER_RETRIES, "group", consumerGroup);
        this.deadLetters = registry.counter(MetricNames.CONSUMER_DEAD_LETTERS, "group", consumerGroup);
    }

    public void retried() {
        retries.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }
}
