package ai.aleff.agent.usage;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the agent against a model that reports a fixed number of tokens per call. */
public class QuotaProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(QuotaEmulatorResource.class));
    }
}
