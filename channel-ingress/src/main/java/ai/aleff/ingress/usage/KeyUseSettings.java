package ai.aleff.ingress.usage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How ingress reports the use of API keys to tenant-service (the key list's lastUsedAt). */
@ConfigMapping(prefix = "aleff.ingress.key-use")
public interface KeyUseSettings {

    /** At most one report per key in this interval, per instance: lastUsedAt is that coarse. */
    @WithDefault("5m")
    Duration reportInterval();

    /** Keys remembered at most before reports older than the interval are forgotten (memory bound). */
    @WithDefault("100000")
    int maxTracked();
}
