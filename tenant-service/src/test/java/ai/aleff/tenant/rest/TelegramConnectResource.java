package ai.aleff.tenant.rest;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.SlackWebApi;
import ai.aleff.testkit.channels.TelegramConnectApi;

/**
 * Points tenant-service's Telegram Bot API and Slack Web API base URLs at one {@link TelegramConnectApi} and one
 * {@link SlackWebApi} for the test JVM. Global (as
 * every test resource of the module), so every test class shares one application and nothing restarts for it.
 */
public class TelegramConnectResource implements QuarkusTestResourceLifecycleManager {

    private static TelegramConnectApi api;
    private static SlackWebApi slack;

    @Override
    public synchronized Map<String, String> start() {
        if (api == null) {
            api = TelegramConnectApi.start();
            slack = SlackWebApi.start();
        }
        return Map.of("aleff.channels.telegram.api-base-url", api.baseUrl(), "aleff.channels.slack.api-base-url",
                slack.baseUrl());
    }

    /** The emulator the application talks to. */
    public static synchronized TelegramConnectApi api() {
        return api;
    }

    /** The emulated Slack Web API the application talks to. */
    public static synchronized SlackWebApi slack() {
        return slack;
    }

    @Override
    public synchronized void stop() {
        if (api != null) {
            api.close();
            slack.close();
            api = null;
            slack = null;
        }
    }
}
