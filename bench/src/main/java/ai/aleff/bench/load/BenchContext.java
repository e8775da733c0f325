package ai.aleff.bench.load;

import ai.aleff.bench.model.EmulatedModelServer;
import ai.aleff.deploy.LocalPlatform;

/** What every scenario works with: the running platform, the emulated model, an API client and a tenant. */
record BenchContext(LocalPlatform platform, EmulatedModelServer model, PlatformClient client, String apiKey,
        BenchOptions options) {
}
