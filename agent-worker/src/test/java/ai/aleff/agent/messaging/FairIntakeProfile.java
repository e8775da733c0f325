package ai.aleff.agent.messaging;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A slow model and the default intake limits, except the per-tenant model cap: raised so that a backlog of 2,000
 * one-second turns drains in about a minute instead of two.
 */
public class FairIntakeProfile implements QuarkusTestProfile {

    static final int TENANT_MODEL_CAP = 40;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aleff.agent.max-concurrent-model-calls-per-tenant", String.valueOf(TENANT_MODEL_CAP));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SlowModelResource.class));
    }
}
