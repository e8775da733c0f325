package ai.aleff.agent.messaging;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the agent at a {@link SlowModelServer} that takes 400 ms per call. */
public class SlowModelResource implements QuarkusTestResourceLifecycleManager {

    static volatile SlowModelServer model;

    @Override
    public Map<String, String> start() {
        model = SlowModelServer.start(Duration.ofMillis(400));
        return Map.of("aleff.agent.model.openai.base-url", model.baseUrl(), "aleff.agent.model.openai.model-name",
                "slow-emulated");
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}
