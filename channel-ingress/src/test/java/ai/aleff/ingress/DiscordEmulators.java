package ai.aleff.ingress;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.DiscordApi;

/** The emulated Discord REST API, with delivery's timings shortened so failures show in seconds. */
public class DiscordEmulators implements QuarkusTestResourceLifecycleManager {

    static DiscordApi discord;

    @Override
    public Map<String, String> start() {
        discord = DiscordApi.start();
        return Map.of(
                "aleff.channels.discord.api-base-url", discord.baseUrl(),
                "aleff.channels.discord.channel-gap", "200ms",
                "aleff.channels.delivery.max-attempts", "3",
                "aleff.channels.delivery.first-backoff", "200ms",
                "aleff.channels.delivery.max-backoff", "1s",
                "aleff.channels.delivery.max-wait", "10s",
                "aleff.channels.delivery.claim-timeout", "3s",
                "aleff.channels.delivery.request-timeout", "2s");
    }

    @Override
    public void stop() {
        discord.close();
    }
}
