package ai.aleff.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
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
import ai.aleff.testkit.channels.TelegramConnectApi;
import ai.aleff.testkit.channels.TelegramSendApi;
import ai.aleff.testkit.channels.WhatsAppGraphApi;

/**
 * Issue 11's "done when", through the built platform's public APIs only: a tenant administrator connects a Telegram
 * bot and a WhatsApp number, users write through each platform's real signature scheme, and the assistant's replies
 * reach the emulated platform APIs exactly once, even when the platform delivers the same update again.
 */
@ExtendWith(SharedPlatform.class)
class ChannelsEndToEndIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

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
