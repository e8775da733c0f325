package ai.aleff.ingress.discord;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Discord interactions and delivery (docs/channels.md, "Discord"): operator settings, never tenant input. */
@ConfigMapping(prefix = "aleff.channels.discord")
public interface DiscordSettings {

    /** Base URL of the REST API, with its version (tenant-service reads the same key); tests point it at an emulator. */
    @WithDefault("https://discord.com/api/v10")
    String apiBaseUrl();

    /**
     * How long after an interaction its token is used for the reply. Discord keeps it valid for 15 minutes; the
     * margin covers a part that is sent, rate-limited and sent again near the end. Later replies go as channel
     * messages.
     */
    @WithDefault("14m")
    Duration tokenValidity();

    /** Spacing of messages to one channel (Discord: about 5 in 5 s per channel). */
    @WithDefault("1s")
    Duration channelGap();

    /** Spacing of all messages of one bot (Discord's global limit: 50 requests a second). */
    @WithDefault("20ms")
    Duration botGap();

    /** Most lines in one message part, so a long list or code block does not fill the whole channel at once. */
    @WithDefault("40")
    int maxLines();
}
