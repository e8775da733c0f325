package ai.aleff.tenant.rest;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.DiscordApi;
import ai.aleff.testkit.channels.SlackWebApi;
import ai.aleff.testkit.channels.TelegramConnectApi;

/**
 * Points tenant-service's Telegram Bot API and Slack Web API base URLs at one {@link TelegramConnectApi} one
 * {@link SlackWebApi} and one {@link DiscordApi} for the test JVM. Global (as
 * every test resource of the module), so every test class shares one application and nothing restarts for it.
 */
public class TelegramConnectResource implements QuarkusTestResourceLifecycleManager {

    private static TelegramConnectApi api;
    private static SlackWebApi slack;
    private static DiscordApi discord;

    @Override
    public synchronized Map<String, String> start() {
        if (api == null) {
            api = TelegramConnectApi.start();
            slack = SlackWebApi.start();
            // An app token passes apps.connections.open (the connect-time check) unless the emulator refuses it.
            slack.socketUrl("wss://wss-primary.slack.com/link/?ticket=emulated");
            discord = DiscordApi.start();
        }
        return Map.of("aleff.channels.telegram.api-base-url", api.baseUrl(), "aleff.channels.slack.api-base-url",
                slack.baseUrl(), "aleff.channels.discord.api-base-url", discord.baseUrl());
    }

    /** The emulator the application talks to. */
    public static synchronized TelegramConnectApi api() {
        return api;
    }

    /** The emulated Slack Web API the application talks to. */
    public static synchronized SlackWebApi slack() {
        return slack;
    }

    /** The emulated Discord REST API the application talks to. */
    public static synchronized DiscordApi discord() {
        return discord;
    }

    @Override
    public synchronized void stop() {
        if (api != null) {
            api.close();
            slack.close();
            discord.close();
            api = null;
            slack = null;
            discord = null;
        }
    }
}
