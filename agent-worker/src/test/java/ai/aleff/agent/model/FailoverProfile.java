package ai.aleff.agent.model;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the agent with a rate-limited OpenAI model followed by a working Anthropic model. */
public class FailoverProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FailoverEmulatorResource.class));
    }
}
