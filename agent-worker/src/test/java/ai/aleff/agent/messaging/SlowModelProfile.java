package ai.aleff.agent.messaging;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the agent against a model that takes its time, as real ones do. */
public class SlowModelProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SlowModelResource.class));
    }
}
