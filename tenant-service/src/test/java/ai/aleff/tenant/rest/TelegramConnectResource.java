package ai.aleff.tenant.rest;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.TelegramConnectApi;

/**
 * Points tenant-service's Telegram Bot API base URL at one {@link TelegramConnectApi} for the test JVM. Global (as
 * every test resource of the module), so every test class shares one application and nothing restarts for it.
 */
public class TelegramConnectResource implements QuarkusTestResourceLifecycleManager {

    private static TelegramConnectApi api;

    @Override
    public synchronized Map<String, String> start() {
        if (api == null) {
            api = TelegramConnectApi.start();
        }
        return Map.of("aleff.channels.telegram.api-base-url", api.baseUrl());
    }

    /** The emulator the application talks to. */
    public static synchronized TelegramConnectApi api() {
        return api;
    }

    @Override
    public synchronized void stop() {
        if (api != null) {
            api.close();
            api = null;
        }
    }
}
