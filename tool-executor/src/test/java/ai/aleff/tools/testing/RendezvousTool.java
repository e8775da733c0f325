package ai.aleff.tools.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.contracts.tools.ToolContract;
import ai.aleff.tools.service.Tool;
import ai.aleff.tools.service.ToolException;

/**
 * A test-only tool: {@code test_rendezvous {"group": "g1", "parties": 3}} returns only once all parties of its group
 * are running at the same time, answering {@code "<started>/<finished>"} instants. Calls run one after the other
 * can never meet: the first would wait until the tool timeout and answer an error.
 */
@ApplicationScoped
public class RendezvousTool implements Tool {

    public static final String NAME = "test_rendezvous";

    private static final Map<String, CountDownLatch> GROUPS = new ConcurrentHashMap<>();

    @Override
    public ToolContract contract() {
        return new ToolContract(NAME, "waits for all parties of a group (tests only)", List.of(), false);
    }

    @Override
    public String execute(JsonNode arguments) {
        Instant started = Instant.now();
        CountDownLatch group = GROUPS.computeIfAbsent(arguments.path("group").asText(),
                g -> new CountDownLatch(arguments.path("parties").asInt()));
        group.countDown();
        try {
            // Below the tool timeout, so a party left alone answers this message rather than a timeout.
            if (!group.await(8, TimeUnit.SECONDS)) {
                throw new ToolException("alone: " + group.getCount() + " parties never arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
        return started + "/" + Instant.now();
    }
}
