package ai.aleff.bench.faults;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.Progress;

/**
 * The harness's Slack app in Events API mode, connected through tenant-service's API (Slack's Web API emulated:
 * {@code auth.test} for tenant-service, {@code chat.postMessage} for channel-ingress): its Request URL and the
 * signing secret Slack signs with.
 */
record SlackApp(String connectionId, String requestUrl, String signingSecret) {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Connects the app and waits until channel-ingress knows the connection (it learns it from Kafka). */
    static SlackApp connect(LocalPlatform platform, ChannelConnector connector, Progress progress) {
        String signingSecret = UUID.randomUUID().toString().replace("-", "");
        ObjectNode body = JSON.createObjectNode().put("type", "SLACK").put("displayName", "Faults app")
                .put("mode", "WEBHOOK");
        body.putObject("credentials").put("botToken", "xoxb-faults-" + UUID.randomUUID())
                .put("signingSecret", signingSecret);
        String connectionId = connector.connect(body).path("connectionId").asText();
        SlackApp app = new SlackApp(connectionId,
                platform.serviceUrl(PlatformService.CHANNEL_INGRESS) + "/v1/channels/slack/" + connectionId,
                signingSecret);
        // A signed url_verification is answered 200 with its challenge once the connection is known (404 before).
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> app
                        .post("{\"type\":\"url_verification\",\"token\":\"t\",\"challenge\":\"warm-up\"}") == 200);
        progress.line("Slack app connected (connection " + connectionId + ")");
        return app;
    }

    SlackTarget target(long tsSeconds) {
        return new SlackTarget(requestUrl, signingSecret, tsSeconds);
    }

    private int post(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return ChannelConnector.send(HttpRequest.newBuilder(URI.create(requestUrl))
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackTarget.signature(signingSecret, timestamp, body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build()).statusCode();
    }
}
