package ai.aleff.bench.faults;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.Progress;

/**
 * The harness's WhatsApp Business number, connected through tenant-service's API (Meta's Graph API emulated for
 * channel-ingress's sends): where Meta would post, signed with the app secret.
 */
record WhatsAppNumber(String connectionId, String webhookUrl, String appSecret, String phoneNumberId) {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Connects the number and waits until channel-ingress knows the connection (it learns it from Kafka). */
    static WhatsAppNumber connect(LocalPlatform platform, ChannelConnector connector, Progress progress) {
        String phoneNumberId = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L,
                999_999_999_999L));
        String appSecret = "app-secret-" + UUID.randomUUID();
        ObjectNode body = JSON.createObjectNode().put("type", "WHATSAPP").put("displayName", "Faults number");
        body.putObject("settings").put("phoneNumberId", phoneNumberId);
        body.putObject("credentials").put("accessToken", "EAAG" + UUID.randomUUID().toString().replace("-", ""))
                .put("appSecret", appSecret);
        String connectionId = connector.connect(body).path("connectionId").asText();
        WhatsAppNumber number = new WhatsAppNumber(connectionId,
                platform.serviceUrl(PlatformService.CHANNEL_INGRESS) + "/v1/channels/whatsapp/" + connectionId,
                appSecret, phoneNumberId);
        // A signed payload without entries is answered 200 once the connection is known (404 before).
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> number.post("{\"object\":\"whatsapp_business_account\",\"entry\":[]}") == 200);
        progress.line("WhatsApp number connected (connection " + connectionId + ")");
        return number;
    }

    WhatsAppTarget target() {
        return new WhatsAppTarget(webhookUrl, appSecret, phoneNumberId);
    }

    private int post(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ChannelConnector.send(HttpRequest.newBuilder(URI.create(webhookUrl))
                .header("X-Hub-Signature-256", "sha256=" + WhatsAppTarget.hmac(appSecret, body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build()).statusCode();
    }
}
