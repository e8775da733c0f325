package ai.aleff.agent.delegation;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the agent against an OpenAI-compatible emulator scripted for skills and subagents. */
public class DelegationProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(DelegationEmulatorResource.class));
    }
}
