package ai.aleff.ingress.slack;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Slack delivery's workspace-wide pacing (docs/channels.md, "Slack", "Delivery"). Slack limits Web API calls "per
 * method per workspace per app"; one connection is one app installed in one workspace, so these gaps are kept per
 * connection and method, beside the per-channel gap ({@code aleff.channels.slack.channel-gap}).
 */
@ConfigMapping(prefix = "aleff.channels.slack.delivery")
public interface SlackDeliverySettings {

    /**
     * Spacing of all {@code chat.postMessage} calls of one workspace, whatever the channel. Slack's "special" tier
     * allows about one message a second per channel "while also maintaining a workspace-wide limit" it does not
     * publish; 200 ms (300 a minute) is three times Tier 4's floor and below what large integrations report reaching.
     * A 429 past it is still honoured with {@code Retry-After} for the whole workspace.
     */
    @WithDefault("200ms")
    Duration workspacePostGap();
}
