package ai.aleff.ingress.telegram;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.TelegramPollingApi;

/** Telegram's getUpdates emulated for the test app; the test reaches it through {@link #api()}. */
public class TelegramPollingEmulator implements QuarkusTestResourceLifecycleManager {

    private static volatile TelegramPollingApi api;

    static TelegramPollingApi api() {
        return api;
    }

    @Override
    public Map<String, String> start() {
        api = TelegramPollingApi.start();
        return Map.of("aleff.channels.telegram.api-base-url", api.baseUrl());
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}
