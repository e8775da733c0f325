package ai.aleff.ingress;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.SlackWebApi;
import ai.aleff.testkit.channels.TelegramSendApi;
import ai.aleff.testkit.channels.WhatsAppGraphApi;

/** The emulated Telegram, WhatsApp and Slack send APIs, with delivery's timings shortened so failures show in seconds. */
public class DeliveryEmulators implements QuarkusTestResourceLifecycleManager {

    static TelegramSendApi telegram;
    static WhatsAppGraphApi whatsapp;
    static SlackWebApi slack;
    /** Slack's workspace-wide spacing of chat.postMessage in these tests (the default is 200 ms). */
    static final java.time.Duration SLACK_WORKSPACE_POST_GAP = java.time.Duration.ofMillis(300);

    @Override
    public Map<String, String> start() {
        telegram = TelegramSendApi.start();
        whatsapp = WhatsAppGraphApi.start();
        slack = SlackWebApi.start();
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "aleff.channels.telegram.api-base-url", telegram.baseUrl(),
                "aleff.channels.whatsapp.graph-base-url", whatsapp.baseUrl(),
                "aleff.channels.delivery.max-attempts", "3",
                "aleff.channels.delivery.first-backoff", "200ms",
                "aleff.channels.delivery.max-backoff", "1s",
                "aleff.channels.delivery.max-wait", "10s",
                "aleff.channels.delivery.claim-timeout", "3s",
                "aleff.channels.delivery.request-timeout", "2s",
                "aleff.channels.delivery.typing-interval", "1s",
                "aleff.channels.delivery.typing-cap", "10s"));
        config.put("aleff.channels.slack.api-base-url", slack.baseUrl());
        config.put("aleff.channels.slack.channel-gap", "500ms");
        config.put("aleff.channels.slack.delivery.workspace-post-gap", SLACK_WORKSPACE_POST_GAP.toMillis() + "ms");
        return config;
    }

    @Override
    public void stop() {
        telegram.close();
        whatsapp.close();
        slack.close();
    }
}
