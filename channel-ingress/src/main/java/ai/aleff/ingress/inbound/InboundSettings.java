package ai.aleff.ingress.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the channel webhooks (docs/channels.md, "Inbound webhooks"). */
@ConfigMapping(prefix = "aleff.channels.inbound")
public interface InboundSettings {

    /**
     * Largest attachment passed on as fetchable (bytes); a larger one is noted as too large. Telegram's getFile
     * serves at most 20 MB, so a larger limit gains nothing there.
     */
    @WithDefault("20971520")
    long maxMediaBytes();
}
