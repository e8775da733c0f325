package ai.aleff.agent.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A worker whose tenants' chains point at {@link AssistantEmulatorResource}, with short tool timeouts. */
public class AssistantEmulatorProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AssistantEmulatorResource.class));
    }
}
