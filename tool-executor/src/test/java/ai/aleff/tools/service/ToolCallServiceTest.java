package ai.aleff.tools.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;

class ToolCallServiceTest {

    private final AtomicInteger runs = new AtomicInteger();
    private final ToolRunner runner = new ToolRunner(new ToolRegistry(List.of(new CountingTool())),
            new ObjectMapper(), Duration.ofSeconds(5));
    private final CompletedCalls completed = new CompletedCalls(2);
    private final ToolCallService service = new ToolCallService(runner, completed);

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void answersARepeatedIdempotencyKeyWithoutRunningTheToolAgain() {
        // Given a call that completed once
        ToolCallCompleted first = complete(request("t1", "call-1", "turn-1:0"));
        // When the same call is redelivered
        ToolCallCompleted again = complete(request("t1", "call-1", "turn-1:0"));
        // Then the tool ran once and the same outcome is returned
        assertThat(runs).hasValue(1);
        assertThat(again).isEqualTo(first);
        assertThat(first.result()).isEqualTo("run 1");
    }

    @Test
    void keepsTenantsAndKeysApart() {
        // Given the same key from two tenants and a different key, When completed, Then each runs
        complete(request("t1", "call-1", "k"));
        ToolCallCompleted other = complete(request("t2", "call-1", "k"));
        complete(request("t1", "call-2", "k2"));
        assertThat(runs).hasValue(3);
        assertThat(other.tenantId()).isEqualTo("t2");
    }

    @Test
    void forgetsTheOldestKeysBeyondCapacity() {
        // Given capacity 2 and three keys, When the first is repeated, Then it runs again
        complete(request("t1", "a", "a"));
        complete(request("t1", "b", "b"));
        complete(request("t1", "c", "c"));
        complete(request("t1", "a", "a"));
        assertThat(runs).hasValue(4);
        assertThat(completed.size()).isEqualTo(2);
    }

    private ToolCallCompleted complete(ToolCallRequested request) {
        return service.complete(request).await().atMost(Duration.ofSeconds(5));
    }

    private static ToolCallRequested request(String tenant, String callId, String key) {
        return new ToolCallRequested(callId, tenant, "conv", "turn", "user", key, "counting", "{}", Instant.now());
    }

    private final class CountingTool implements Tool {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "counts its runs";
        }

        @Override
        public String execute(JsonNode arguments) {
            return "run " + runs.incrementAndGet();
        }
    }
}
