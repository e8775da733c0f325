package ai.aleff.tools.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.contracts.tools.ToolContract;
import ai.aleff.tools.service.Tool;
import ai.aleff.tools.service.ToolException;

/**
 * A test-only tool: {@code test_counting {"counter": "c1"}} counts its runs per counter and answers
 * {@code "run N"}. With {@code "gate": true} it waits until the test opens the counter's gate, to hold a call
 * running while duplicates arrive.
 */
@ApplicationScoped
public class CountingTool implements Tool {

    public static final String NAME = "test_counting";

    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    public static int runs(String counter) {
        AtomicInteger runs = RUNS.get(counter);
        return runs == null ? 0 : runs.get();
    }

    public static void open(String counter) {
        gate(counter).countDown();
    }

    private static CountDownLatch gate(String counter) {
        return GATES.computeIfAbsent(counter, c -> new CountDownLatch(1));
    }

    @Override
    public ToolContract contract() {
        return new ToolContract(NAME, "counts its runs (tests only)", List.of(), false);
    }

    @Override
    public String execute(JsonNode arguments) {
        String counter = arguments.path("counter").asText();
        int run = RUNS.computeIfAbsent(counter, c -> new AtomicInteger()).incrementAndGet();
        if (arguments.path("gate").asBoolean()) {
            try {
                if (!gate(counter).await(30, TimeUnit.SECONDS)) {
                    throw new ToolException("the gate was not opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted");
            }
        }
        return "run " + run;
    }
}
