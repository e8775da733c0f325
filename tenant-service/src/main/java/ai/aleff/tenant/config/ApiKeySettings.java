package ai.aleff.tenant.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tenant API keys. */
@ConfigMapping(prefix = "aleff.tenant.api-keys")
public interface ApiKeySettings {

    /** Most keys a tenant may have valid at once (keys in a rotation's overlap window count). */
    @WithDefault("10")
    int maxValidPerTenant();

    /** How long the old key of a rotation stays valid when the request names no overlap. */
    @WithDefault("1h")
    Duration defaultRotationOverlap();

    /** The longest overlap a rotation may ask for. */
    @WithDefault("7d")
    Duration maxRotationOverlap();
}
