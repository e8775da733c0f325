package ai.aleff.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.testkit.channels.DiscordApi;
import ai.aleff.testkit.channels.DiscordKeys;
import ai.aleff.testkit.channels.SlackWebApi;
import ai.aleff.testkit.channels.TelegramConnectApi;
import ai.aleff.testkit.channels.TelegramSendApi;
import ai.aleff.testkit.channels.WhatsAppGraphApi;

/**
 * Issues 11's and 12's "done when", through the built platform's public APIs only: a tenant administrator connects a
 * Telegram bot, a WhatsApp number, a Slack app and a Discord bot, users write through each platform's real signature
 * scheme, and the assistant's replies reach the emulated platform APIs exactly once, even when the platform delivers
 * the same update again.
 */
@ExtendWith(SharedPlatform.class)
class ChannelsEndToEndIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** The application id the emulated Discord accepts commands for (testkit DiscordApi). */
    private static final String DISCORD_APPLICATION_ID = "1170000000000000000";

    private static LocalPlatform platform;

    @BeforeAll
    static void sharedPlatform() {
        platform = SharedPlatform.platform();
    }

    @Test
    void aTelegramBotConnectedThroughTheApiAnswersASignedUpdateOnceEvenWhenTelegramDeliversItTwice() {
        // Given a tenant whose administrator connects a Telegram bot in webhook mode
        String tenantId = createTenant("telegram-" + UUID.randomUUID());
        long botId = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        String token = botId + ":AAH" + UUID.randomUUID().toString().replace("-", "");
        TelegramConnectApi telegram = SharedPlatform.telegramConnect();
        telegram.bot(token, botId, "e2e_" + botId + "_bot");
        JsonPath connected = connect(tenantId, Map.of("type", "TELEGRAM", "displayName", "Support bot", "mode",
                "WEBHOOK", "credentials", Map.of("botToken", token)));
        String publicUrl = connected.getString("webhookUrl");
        assertThat(publicUrl).isEqualTo(
                SharedPlatform.PUBLIC_BASE_URL + "/v1/channels/telegram/" + connected.getString("connectionId"));
        String webhookUrl = behindThePublicUrl(publicUrl);
        assertThat(connected.getString("account.username")).isEqualTo("e2e_" + botId + "_bot");
        assertThat(connected.prettify()).doesNotContain(token);

        // And Telegram was told where to push, with a secret it echoes on every update
        List<JsonNode> setWebhook = telegram.calls(token, "setWebhook");
        assertThat(setWebhook).hasSize(1);
        assertThat(setWebhook.getFirst().path("url").asText()).isEqualTo(publicUrl);
        String secret = setWebhook.getFirst().path("secret_token").asText();
        assertThat(secret).matches("[A-Za-z0-9_-]{1,256}");

        // When a user writes to the bot in a private chat (ingress learns the connection from Kafka first)
        String chatId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L));
        String update = telegramUpdate(1, chatId, 11, "What is 2*(3+4)?");
        await().atMost(PATIENCE).until(() -> postTelegram(webhookUrl, secret, update).statusCode() == 200);

        // Then the assistant's answer is sent to that chat, as a reply to the user's message
        TelegramSendApi sends = SharedPlatform.telegramSend();
        await().atMost(PATIENCE).until(() -> sends.sends(chatId).size() == 1);
        TelegramSendApi.Call reply = sends.sends(chatId).getFirst();
        assertThat(reply.token()).isEqualTo(token);
        assertThat(reply.text()).contains(SharedPlatform.FINAL_ANSWER);
        assertThat(reply.body().path("reply_parameters").path("message_id").asLong()).isEqualTo(11);

        // When Telegram delivers the same update again, an unsigned update arrives, and then a new message
        assertThat(postTelegram(webhookUrl, secret, update).statusCode()).isEqualTo(200);
        Response unsigned = given().contentType(ContentType.JSON).body(telegramUpdate(2, chatId, 12, "unsigned"))
                .post(webhookUrl);
        assertThat(unsigned.statusCode()).isIn(401, 403);
        assertThat(unsigned.contentType()).startsWith("application/problem+json");
        assertThat(postTelegram(webhookUrl, secret, telegramUpdate(3, chatId, 13, "And 2*(3+4) again?"))
                .statusCode()).isEqualTo(200);

        // Then the new message is answered, and the repeated and unsigned ones never were
        await().atMost(PATIENCE).until(() -> sends.sends(chatId).size() >= 2);
        assertThat(sends.sends(chatId)).as("one reply per accepted message, none for the repeat or the unsigned")
                .hasSize(2);
    }

    @Test
    void aWhatsAppNumberConnectedThroughTheApiPassesMetasHandshakeAndAnswersASignedMessageOnce()
            throws GeneralSecurityException {
        // Given a tenant whose administrator connects a WhatsApp Business number
        String tenantId = createTenant("whatsapp-" + UUID.randomUUID());
        String phoneNumberId = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        String accessToken = "EAAG" + UUID.randomUUID().toString().replace("-", "");
        String appSecret = "app-secret-" + UUID.randomUUID();
        JsonPath connected = connect(tenantId, Map.of("type", "WHATSAPP", "displayName", "Support line", "settings",
                Map.of("phoneNumberId", phoneNumberId), "credentials",
                Map.of("accessToken", accessToken, "appSecret", appSecret)));
        String webhookUrl = behindThePublicUrl(connected.getString("webhookUrl"));
        String verifyToken = connected.getString("verifyToken");
        assertThat(webhookUrl).endsWith("/v1/channels/whatsapp/" + connected.getString("connectionId"));
        assertThat(verifyToken).isNotBlank();
        assertThat(connected.prettify()).doesNotContain(accessToken).doesNotContain(appSecret);

        // When Meta's console verifies the callback URL with the verify token shown once
        await().atMost(PATIENCE).until(() -> given().queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", verifyToken)
                .queryParam("hub.challenge", "1158201444")
                .get(webhookUrl)
                .asString()
                .equals("1158201444"));
        // And a wrong verify token is refused
        assertThat(given().queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", verifyToken + "x")
                .queryParam("hub.challenge", "1158201444")
                .get(webhookUrl)
                .statusCode()).isEqualTo(403);

        // And a user's message arrives signed with the app secret, twice, as Meta retries
        String from = "55" + ThreadLocalRandom.current().nextLong(10_000_000_000L, 99_999_999_999L);
        String wamid = "wamid." + UUID.randomUUID().toString().replace("-", "");
        String payload = whatsAppPayload(phoneNumberId, from, wamid, "What is 2*(3+4)?");
        assertThat(postWhatsApp(webhookUrl, appSecret, payload).statusCode()).isEqualTo(200);
        assertThat(postWhatsApp(webhookUrl, appSecret, payload).statusCode()).isEqualTo(200);
        Response forged = given().contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", "sha256=" + hmac("not-the-secret", payload))
                .body(payload)
                .post(webhookUrl);
        assertThat(forged.statusCode()).isIn(401, 403);

        // Then the assistant's answer is sent once, from that number, quoting the user's message
        WhatsAppGraphApi graph = SharedPlatform.whatsApp();
        await().atMost(PATIENCE).until(() -> !graph.messages(from).isEmpty());
        WhatsAppGraphApi.Call reply = graph.messages(from).getFirst();
        assertThat(reply.phoneNumberId()).isEqualTo(phoneNumberId);
        assertThat(reply.authorization()).isEqualTo("Bearer " + accessToken);
        assertThat(reply.text()).contains("14");
        assertThat(reply.contextMessageId()).isEqualTo(wamid);

        // And a second message, answered after the repeat, proves the repeat was dropped, not merely slow
        String second = "wamid." + UUID.randomUUID().toString().replace("-", "");
        assertThat(postWhatsApp(webhookUrl, appSecret, whatsAppPayload(phoneNumberId, from, second, "Again?"))
                .statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> graph.messages(from).size() >= 2);
        assertThat(graph.messages(from)).hasSize(2);
        assertThat(graph.messages(from).get(1).contextMessageId()).isEqualTo(second);
    }

    @Test
    void aSlackAppConnectedThroughTheApiAnswersASignedEventOnceEvenWhenSlackRetriesIt()
            throws GeneralSecurityException {
        // Given a tenant whose administrator connects a Slack app for the Events API
        String tenantId = createTenant("slack-" + UUID.randomUUID());
        String botToken = "xoxb-e2e-" + UUID.randomUUID();
        String signingSecret = UUID.randomUUID().toString().replace("-", "");
        JsonPath connected = connect(tenantId, Map.of("type", "SLACK", "displayName", "Team assistant", "mode",
                "WEBHOOK", "credentials", Map.of("botToken", botToken, "signingSecret", signingSecret)));
        String webhookUrl = behindThePublicUrl(connected.getString("webhookUrl"));
        assertThat(webhookUrl).endsWith("/v1/channels/slack/" + connected.getString("connectionId"));
        assertThat(connected.prettify()).doesNotContain(botToken).doesNotContain(signingSecret);

        // When Slack verifies the request URL (once ingress knows the connection)
        String challenge = "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";
        await().atMost(PATIENCE).until(() -> postSlack(webhookUrl, signingSecret, challenge, null).asString()
                .contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));

        // And a user writes to the app in a direct message, and Slack retries the event; a forged one arrives too
        String channel = "D" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        String event = slackEvent(channel, "Ev" + UUID.randomUUID().toString().replace("-", ""), "What is 2*(3+4)?");
        assertThat(postSlack(webhookUrl, signingSecret, event, null).statusCode()).isEqualTo(200);
        assertThat(postSlack(webhookUrl, signingSecret, event, "1").statusCode()).isEqualTo(200);
        Response forged = postSlack(webhookUrl, "not-the-secret", slackEvent(channel, "EvForged" + channel, "forged"),
                null);
        assertThat(forged.statusCode()).as("a signature that does not verify (docs: 403)").isEqualTo(403);
        assertThat(forged.contentType()).startsWith("application/problem+json");

        // Then the assistant's answer is posted once, with the app's bot token
        SlackWebApi slack = SharedPlatform.slack();
        await().atMost(PATIENCE).until(() -> !slack.posts(channel).isEmpty());
        SlackWebApi.Call reply = slack.posts(channel).getFirst();
        assertThat(reply.authorization()).isEqualTo("Bearer " + botToken);
        assertThat(reply.text()).contains("14");

        // And a second message, answered after the retry, proves the retry was dropped, not merely slow
        assertThat(postSlack(webhookUrl, signingSecret,
                slackEvent(channel, "Ev" + UUID.randomUUID().toString().replace("-", ""), "Again?"), null)
                .statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> slack.posts(channel).size() >= 2);
        assertThat(slack.posts(channel)).as("one post per accepted event, none for the retry or the forged one")
                .hasSize(2);
    }

    @Test
    void aDiscordBotConnectedThroughTheApiAnswersASignedAskOnceAndRefusesABadSignature() {
        // Given a tenant whose administrator connects a Discord bot for the Interactions endpoint
        String tenantId = createTenant("discord-" + UUID.randomUUID());
        DiscordKeys keys = DiscordKeys.generate();
        String botToken = "MTE3MDAwMDAwMDAwMDAwMDAwMQ.GabCdE." + UUID.randomUUID().toString().replace("-", "");
        JsonPath connected = connect(tenantId, Map.of("type", "DISCORD", "displayName", "Community assistant",
                "mode", "WEBHOOK", "credentials", Map.of("botToken", botToken, "publicKey", keys.publicKeyHex(),
                        "applicationId", DISCORD_APPLICATION_ID)));
        String webhookUrl = behindThePublicUrl(connected.getString("webhookUrl"));
        assertThat(webhookUrl).endsWith("/v1/channels/discord/" + connected.getString("connectionId"));
        assertThat(connected.prettify()).doesNotContain(botToken);

        // When Discord checks the endpoint with a signed PING (once ingress knows the connection)
        await().atMost(PATIENCE).until(() -> given().headers(keys.headers("{\"type\":1}")).body("{\"type\":1}")
                .post(webhookUrl).asString().replace(" ", "").equals("{\"type\":1}"));
        // And with a deliberately bad signature, as Discord does to test verification
        String ping = "{\"type\":1}";
        Map<String, String> tampered = new HashMap<>(keys.headers(ping));
        tampered.put("X-Signature-Ed25519", keys.sign(tampered.get("X-Signature-Timestamp"),
                "{\"type\":2}".getBytes(StandardCharsets.UTF_8)));
        Response refused = given().headers(tampered).body(ping).post(webhookUrl);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        // And a member asks with /ask, and Discord delivers the same interaction twice
        String channel = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L,
                9_000_000_000_000_000L));
        String token = "aW50ZXJhY3Rpb24" + UUID.randomUUID().toString().replace("-", "");
        String ask = askInteraction(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L,
                9_000_000_000_000_000L), token, channel, "What is 2*(3+4)?");
        Response deferred = given().headers(keys.headers(ask)).body(ask).post(webhookUrl);
        assertThat(deferred.statusCode()).isEqualTo(200);
        assertThat(deferred.jsonPath().getInt("type")).isEqualTo(5);
        assertThat(given().headers(keys.headers(ask)).body(ask).post(webhookUrl).statusCode()).isEqualTo(200);

        // Then the answer replaces the deferred response once, through the interaction's webhook
        DiscordApi discord = SharedPlatform.discord();
        await().atMost(PATIENCE).until(() -> discord.calls(token).stream().anyMatch(c -> c.content().contains("14")));
        List<DiscordApi.Call> answers = discord.calls(token).stream().filter(c -> c.content().contains("14")).toList();
        assertThat(answers).as("one answer for the interaction delivered twice").hasSize(1);
        assertThat(answers.getFirst().path()).contains("/webhooks/" + DISCORD_APPLICATION_ID + "/" + token);
    }

    private static String createTenant(String name) {
        return given().baseUri(platform.serviceUrl(PlatformService.TENANT_SERVICE))
                .auth()
                .oauth2(platform.platformAdminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static JsonPath connect(String tenantId, Map<String, Object> body) {
        return given().baseUri(platform.serviceUrl(PlatformService.TENANT_SERVICE))
                .auth()
                .oauth2(platform.platformAdminToken())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/tenants/{id}/channels", tenantId)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** Where the public address forwards to: channel-ingress, same path. */
    private static String behindThePublicUrl(String publicUrl) {
        assertThat(publicUrl).startsWith(SharedPlatform.PUBLIC_BASE_URL + "/");
        return platform.serviceUrl(PlatformService.CHANNEL_INGRESS)
                + publicUrl.substring(SharedPlatform.PUBLIC_BASE_URL.length());
    }

    /** A Slack Events API request signed with v0 over the raw body now; {@code retryNum} as Slack's retries add. */
    private static Response postSlack(String webhookUrl, String signingSecret, String body, String retryNum) {
        try {
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            var request = given().contentType(ContentType.JSON)
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", "v0=" + hmac(signingSecret, "v0:" + timestamp + ":" + body));
            if (retryNum != null) {
                request.header("X-Slack-Retry-Num", retryNum).header("X-Slack-Retry-Reason", "http_timeout");
            }
            return request.body(body.getBytes(StandardCharsets.UTF_8)).post(webhookUrl);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A direct message to the app as Slack's Events API posts it. */
    private static String slackEvent(String channel, String eventId, String text) {
        String ts = Instant.now().getEpochSecond() + "." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        return """
                {"type":"event_callback","team_id":"T0E2E0001","api_app_id":"A0E2E0001","event":{"type":"message",
                "channel":"%s","channel_type":"im","user":"U0E2EUSER","text":"%s","ts":"%s","event_ts":"%s"},
                "event_id":"%s","event_time":%d}""".formatted(channel, text, ts, ts, eventId,
                Instant.now().getEpochSecond());
    }

    /** An /ask APPLICATION_COMMAND from a member of a server, as Discord posts it to the Interactions endpoint. */
    private static String askInteraction(long id, String token, String channel, String question) {
        String user = "{\"id\":\"1210000000000000001\",\"username\":\"ada\",\"global_name\":\"Ada\"}";
        return "{\"id\":\"" + id + "\",\"application_id\":\"" + DISCORD_APPLICATION_ID + "\",\"type\":2,\"token\":\""
                + token + "\",\"version\":1,\"channel_id\":\"" + channel + "\",\"channel\":{\"id\":\"" + channel
                + "\",\"type\":0},\"guild_id\":\"1230000000000000001\",\"member\":{\"user\":" + user
                + ",\"roles\":[]},\"data\":{\"id\":\"1220000000000000001\",\"name\":\"ask\",\"type\":1,\"options\":"
                + "[{\"name\":\"question\",\"type\":3,\"value\":\"" + question + "\"}]},\"locale\":\"en-US\"}";
    }

    private static Response postTelegram(String webhookUrl, String secret, String update) {
        return given().contentType(ContentType.JSON).header(TELEGRAM_SECRET_HEADER, secret).body(update)
                .post(webhookUrl);
    }

    private static Response postWhatsApp(String webhookUrl, String appSecret, String payload) {
        try {
            return given().contentType(ContentType.JSON)
                    .header("X-Hub-Signature-256", "sha256=" + hmac(appSecret, payload))
                    .body(payload.getBytes(StandardCharsets.UTF_8))
                    .post(webhookUrl);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private-chat message as Telegram's Bot API pushes it (Update with a Message). */
    private static String telegramUpdate(long updateOffset, String chatId, long messageId, String text) {
        long updateId = Long.parseLong(chatId) * 10 + updateOffset;
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%s,"is_bot":false,"first_name":"Ana",
                "language_code":"pt-br"},"chat":{"id":%s,"first_name":"Ana","type":"private"},"date":%d,"text":"%s"}}"""
                .formatted(updateId, messageId, chatId, chatId, Instant.now().getEpochSecond(), text);
    }

    /** One text message as Meta's WhatsApp Cloud API posts it to the callback URL. */
    private static String whatsAppPayload(String phoneNumberId, String from, String wamid, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Ana"},"wa_id":"%s"}],"messages":[{"from":"%s","id":"%s",
                "timestamp":"%d","text":{"body":"%s"},"type":"text"}]},"field":"messages"}]}]}"""
                .formatted(phoneNumberId, from, from, wamid, Instant.now().getEpochSecond(), text);
    }

    private static String hmac(String secret, String payload) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
