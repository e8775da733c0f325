package ai.aleff.ingress.discord.gateway;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.DiscordApi;
import ai.aleff.testkit.channels.DiscordGatewayServer;

/**
 * Discord's REST API (with {@code GET /gateway/bot}) and Gateway emulated for the test app, a heartbeat every second
 * so a zombie shows in two; delivery's timings shortened. The test reaches them through the statics.
 */
public class DiscordGatewayEmulator implements QuarkusTestResourceLifecycleManager {

    static final int HEARTBEAT_MILLIS = 1000;

    private static volatile DiscordGatewayServer gateway;
    private static volatile DiscordApi api;

    static DiscordGatewayServer gateway() {
        return gateway;
    }

    static DiscordApi api() {
        return api;
    }

    @Override
    public Map<String, String> start() {
        gateway = DiscordGatewayServer.start(HEARTBEAT_MILLIS);
        api = DiscordApi.start().withGateway(gateway.url(), 990, 3_600_000);
        return Map.of(
                "aleff.channels.discord.api-base-url", api.baseUrl(),
                "aleff.channels.discord.channel-gap", "100ms",
                "aleff.channels.delivery.first-backoff", "200ms",
                "aleff.channels.delivery.max-backoff", "1s",
                "aleff.channels.delivery.request-timeout", "2s",
                "aleff.channels.delivery.typing-interval", "1s");
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }
}
