package ai.aleff.tools.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent completed calls by idempotency key, bounded (least recently used first out). In memory only: after
 * a restart, or on another instance, a redelivered call runs again. A durable store is needed before side-effecting
 * tools are added.
 */
public class CompletedCalls {

    private final Map<String, ToolOutcome> outcomes;

    public CompletedCalls(int capacity) {
        this.outcomes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ToolOutcome> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<ToolOutcome> find(String key) {
        return Optional.ofNullable(outcomes.get(key));
    }

    public synchronized void remember(String key, ToolOutcome outcome) {
        outcomes.putIfAbsent(key, outcome);
    }

    public synchronized int size() {
        return outcomes.size();
    }
}
