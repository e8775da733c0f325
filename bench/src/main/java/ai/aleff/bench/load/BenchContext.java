package ai.aleff.bench.load;

import java.util.List;

import ai.aleff.bench.model.EmulatedModelServer;
import ai.aleff.deploy.LocalPlatform;

/**
 * What every scenario works with: the running platform, the emulated model, an API client and the tenants' API keys.
 * <p>
 * Concurrent scenarios spread their conversations over several tenants, as a multi-tenant platform sees them: the
 * worker caps concurrent model calls per tenant ({@code aleff.agent.max-concurrent-model-calls-per-tenant}, 16), so
 * 200 conversations of one tenant would measure that fairness cap, not the platform.
 *
 * @param tenantKeys API keys of the benchmark's tenants; the first is used by the single-conversation scenarios
 */
record BenchContext(LocalPlatform platform, EmulatedModelServer model, PlatformClient client, List<String> tenantKeys,
        BenchOptions options) {

    /** Tenants created for a run. */
    static final int TENANTS = 20;

    /** The first tenant's key, for scenarios that need only one. */
    String apiKey() {
        return tenantKeys.get(0);
    }

    /** The key of the tenant that owns the {@code index}-th conversation (round robin over the tenants). */
    String keyFor(int index) {
        return tenantKeys.get(Math.floorMod(index, tenantKeys.size()));
    }
}
