package ai.aleff.agent.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/** A model whose thinking time the benchmark sets per phase. */
public class BenchModelProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        static volatile SlowModelServer model;

        @Override
        public Map<String, String> start() {
            model = SlowModelServer.start(Duration.ZERO);
            return Map.of("aleff.agent.model.openai.base-url", model.baseUrl(), "aleff.agent.model.openai.model-name",
                    "bench-emulated");
        }

        @Override
        public void stop() {
            if (model != null) {
                model.close();
            }
        }
    }
}
