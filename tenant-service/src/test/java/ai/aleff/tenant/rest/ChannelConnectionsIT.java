package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.LoggedErrors;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.channels.TelegramConnectApi;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

/**
 * The channel connections API against real Kafka, PostgreSQL and Keycloak, with Telegram emulated: what Telegram is
 * asked, what is published (credentials only encrypted, at their place), what administrators see (never a secret),
 * and that bad, hostile, foreign and stale requests are problems that change nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(TelegramConnectResource.class)
class ChannelConnectionsIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String CHANNELS = "/v1/tenants/{id}/channels";
    private static final String CHANNEL = CHANNELS + "/{connectionId}";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PUBLIC_URL = "https://aleff.test.example";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    SecretCipher cipher;

    @Test
    void aTelegramBotIsCheckedRegisteredAndPublishedWithItsTokenOnlyEncrypted() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.CHANNEL_CONNECTIONS)) {
            // Given a tenant and a bot Telegram knows
            String tenant = newTenant().getString("id");
            String token = newToken();
            long botId = 7_000_000_000L + RANDOM.nextInt(1_000_000);
            telegram().bot(token, botId, "acme_support_bot");

            // When its administrator connects the bot (the platform has a public URL: WEBHOOK by default)
            ExtractableResponse<Response> created = connectTelegram(tenant, token, null).statusCode(201)
                    .header("ETag", "\"1\"")
                    .header("Cache-Control", "no-store")
                    .body("type", equalTo("TELEGRAM"))
                    .body("status", equalTo("ACTIVE"))
                    .body("mode", equalTo("WEBHOOK"))
                    .body("account.id", equalTo(String.valueOf(botId)))
                    .body("account.username", equalTo("acme_support_bot"))
                    .body("credentialHints.botToken", equalTo(token.substring(token.length() - 4)))
                    .body("verifyToken", nullValue())
                    .extract();
            String id = created.path("connectionId");

            // Then the id is 128 random bits and the webhook URL names it
            assertThat(id).matches("[A-Za-z0-9_-]{22}");
            assertThat(created.<String>path("webhookUrl")).isEqualTo(PUBLIC_URL + "/v1/channels/telegram/" + id);
            // And Telegram was asked who the bot is, then to push to that URL with a secret token
            assertThat(telegram().calls(token, "getMe")).hasSize(1);
            List<JsonNode> webhooks = telegram().calls(token, "setWebhook");
            assertThat(webhooks).hasSize(1);
            JsonNode webhook = webhooks.get(0);
            assertThat(webhook.path("url").asText()).isEqualTo(PUBLIC_URL + "/v1/channels/telegram/" + id);
            String secret = webhook.path("secret_token").asText();
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            assertThat(webhook.path("allowed_updates").toString()).isEqualTo("[\"message\",\"edited_message\"]");
            assertThat(webhook.path("drop_pending_updates").asBoolean(true)).isFalse();

            // And the record, keyed by the connection id, carries token and secret encrypted at their places
            CloudEvent<ChannelConnectionChanged> event = probe.awaitOne(ChannelConnectionChanged.class,
                    c -> c.connectionId().equals(id));
            ChannelConnectionChanged published = event.data();
            assertThat(published.tenantId()).isEqualTo(tenant);
            assertThat(published.version()).isEqualTo(1);
            assertThat(published.status()).isEqualTo(Status.ACTIVE);
            assertThat(published.account()).isEqualTo(new ChannelConnectionChanged.Account(String.valueOf(botId),
                    "acme_support_bot"));
            assertThat(cipher.decrypt(place(tenant, id, ChannelConnectionChanged.BOT_TOKEN),
                    published.credentials().get(ChannelConnectionChanged.BOT_TOKEN))).isEqualTo(token);
            assertThat(cipher.decrypt(place(tenant, id, ChannelConnectionChanged.WEBHOOK_SECRET),
                    published.credentials().get(ChannelConnectionChanged.WEBHOOK_SECRET))).isEqualTo(secret);
            assertThat(probe.records()).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id))
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.key()).isEqualTo(id);
                        assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain(token)
                                .doesNotContain(secret);
                    });

            // And reading it, alone or in the list, shows neither the token nor the secret
            String read = admin().get(CHANNEL, tenant, id).then().statusCode(200).header("ETag", "\"1\"")
                    .body("connectionId", equalTo(id)).extract().asString();
            String list = admin().get(CHANNELS, tenant).then().statusCode(200)
                    .body("items.connectionId", equalTo(List.of(id))).extract().asString();
            assertThat(List.of(read, list)).allSatisfy(body -> assertThat(body).doesNotContain(token)
                    .doesNotContain(secret));
            // And the audit names the change without a secret or hint
            String audit = admin().get("/v1/tenants/{id}/admin-audit", tenant).then().statusCode(200)
                    .body("items.action", hasItem("tenant.channel.connected")).extract().asString();
            assertThat(audit).doesNotContain(token).doesNotContain(secret)
                    .doesNotContain("\"" + token.substring(token.length() - 4) + "\"");
        }
    }

    @Test
    void changesArePreconditionedVersionedAndDeletionPublishesATombstoneAndRemovesTheWebhook() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.CHANNEL_CONNECTIONS)) {
            // Given a bot connected in POLLING mode (so its webhook was removed, not set)
            String tenant = newTenant().getString("id");
            String token = newToken();
            telegram().bot(token, 42, "polling_bot");
            String id = connectTelegram(tenant, token, "POLLING").statusCode(201).body("mode", equalTo("POLLING"))
                    .body("webhookUrl", nullValue()).extract().path("connectionId");
            assertThat(telegram().calls(token, "deleteWebhook")).hasSize(1);
            assertThat(telegram().calls(token, "setWebhook")).isEmpty();

            // When it is switched to WEBHOOK with the current version, Then it is version 2 and registered
            admin().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"displayName\": \"Group bot\", \"mode\": \"WEBHOOK\", \"settings\": {\"groups\": "
                            + "\"ALWAYS\", \"allowedChats\": [\"-1001234567890\"]}}")
                    .put(CHANNEL, tenant, id).then().statusCode(200).header("ETag", "\"2\"")
                    .body("displayName", equalTo("Group bot"))
                    .body("settings.groups", equalTo("ALWAYS"))
                    .body("settings.allowedChats", equalTo(List.of("-1001234567890")));
            assertThat(telegram().calls(token, "setWebhook")).hasSize(1);
            // And a change based on version 1 (a replayed request) is refused and changes nothing
            admin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"displayName\": \"Stale\"}")
                    .put(CHANNEL, tenant, id).then().statusCode(412).contentType(PROBLEM);
            admin().header("If-Match", "\"1\"").post(CHANNEL + "/pause", tenant, id).then().statusCode(412);

            // When it is paused twice and resumed, Then only the real changes are versions
            admin().post(CHANNEL + "/pause", tenant, id).then().statusCode(200).header("ETag", "\"3\"")
                    .body("status", equalTo("PAUSED"));
            admin().post(CHANNEL + "/pause", tenant, id).then().statusCode(200).header("ETag", "\"3\"");
            admin().header("If-Match", "\"3\"").post(CHANNEL + "/resume", tenant, id).then().statusCode(200)
                    .header("ETag", "\"4\"").body("status", equalTo("ACTIVE"));

            // When it is deleted (a stale If-Match first)
            admin().header("If-Match", "\"3\"").delete(CHANNEL, tenant, id).then().statusCode(412);
            admin().delete(CHANNEL, tenant, id).then().statusCode(204);

            // Then it is gone, its DELETED record has no credentials, and Telegram's webhook was removed
            admin().get(CHANNEL, tenant, id).then().statusCode(404).contentType(PROBLEM);
            admin().delete(CHANNEL, tenant, id).then().statusCode(404);
            List<CloudEvent<ChannelConnectionChanged>> versions = probe.awaitDistinct(ChannelConnectionChanged.class,
                    c -> c.connectionId().equals(id), 5);
            assertThat(versions).extracting(e -> e.data().version()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(versions).extracting(e -> e.data().status()).containsExactly(Status.ACTIVE, Status.ACTIVE,
                    Status.PAUSED, Status.ACTIVE, Status.DELETED);
            assertThat(versions.get(4).data().credentials()).isEmpty();
            assertThat(telegram().calls(token, "deleteWebhook")).hasSize(2);
            admin().get("/v1/tenants/{id}/admin-audit", tenant).then().statusCode(200)
                    .body("items.action", org.hamcrest.Matchers.hasItems("tenant.channel.connected",
                            "tenant.channel.updated", "tenant.channel.paused", "tenant.channel.resumed",
                            "tenant.channel.deleted"));
        }
    }

    @Test
    void aSlackAppIsCheckedWithAuthTestAndItsAppTokenWithConnectionsOpenAndPublishedWithItsSecretsOnlyEncrypted() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.CHANNEL_CONNECTIONS)) {
            // Given a tenant and a Slack app's bot token, signing secret and app-level token
            String tenant = newTenant().getString("id");
            String botToken = "xoxb-1-2-" + random(24).replace("_", "a").replace("-", "b");
            String signingSecret = "8f742231b10e8888abcd99aaabbb85a5";
            String appToken = "xapp-1-A012-" + random(20).replace("_", "a").replace("-", "b");

            // When its administrator connects it in Socket Mode
            ExtractableResponse<Response> created = admin().contentType("application/json")
                    .body("{\"type\": \"SLACK\", \"displayName\": \"Team\", \"mode\": \"SOCKET_MODE\", "
                            + "\"credentials\": {\"botToken\": \"" + botToken + "\", \"signingSecret\": \""
                            + signingSecret + "\", \"appToken\": \"" + appToken + "\"}}")
                    .post(CHANNELS, tenant).then().statusCode(201)
                    .body("type", equalTo("SLACK"))
                    .body("mode", equalTo("SOCKET_MODE"))
                    .body("webhookUrl", nullValue())
                    .body("account.id", equalTo("UBOT0001"))
                    .body("account.username", equalTo("BBOT0001"))
                    .extract();
            String id = created.path("connectionId");

            // Then Slack was asked who the token is, the app token was proven with one apps.connections.open, and the
            // record carries the three secrets encrypted only
            assertThat(TelegramConnectResource.slack().authTests()).contains("Bearer " + botToken);
            assertThat(TelegramConnectResource.slack().connectionsOpens(appToken)).isOne();
            ChannelConnectionChanged published = probe.awaitOne(ChannelConnectionChanged.class,
                    c -> c.connectionId().equals(id)).data();
            assertThat(published.mode()).isEqualTo(ChannelConnectionChanged.Mode.SOCKET_MODE);
            assertThat(cipher.decrypt(place(tenant, id, ChannelConnectionChanged.APP_TOKEN),
                    published.credentials().get(ChannelConnectionChanged.APP_TOKEN))).isEqualTo(appToken);
            assertThat(cipher.decrypt(place(tenant, id, ChannelConnectionChanged.SIGNING_SECRET),
                    published.credentials().get(ChannelConnectionChanged.SIGNING_SECRET))).isEqualTo(signingSecret);
            assertThat(published.credentials()).doesNotContainKey(ChannelConnectionChanged.WEBHOOK_SECRET);
            assertThat(probe.records()).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .doesNotContain(botToken).doesNotContain(appToken).doesNotContain(signingSecret));

            // And the Events API mode gets the webhook URL to paste as Slack's Request URL
            admin().contentType("application/json")
                    .body("{\"type\": \"SLACK\", \"displayName\": \"Team\", \"mode\": \"WEBHOOK\", "
                            + "\"credentials\": {\"botToken\": \"" + botToken + "\", \"signingSecret\": \""
                            + signingSecret + "\"}}")
                    .post(CHANNELS, tenant).then().statusCode(201)
                    .body("webhookUrl", org.hamcrest.Matchers.startsWith(PUBLIC_URL + "/v1/channels/slack/"));
            // And a token Slack refuses is a 422 problem; nothing is stored for it
            admin().contentType("application/json")
                    .body("{\"type\": \"SLACK\", \"displayName\": \"Team\", \"mode\": \"WEBHOOK\", "
                            + "\"credentials\": {\"botToken\": \"xoxb-revoked-0123456789\", \"signingSecret\": \""
                            + signingSecret + "\"}}")
                    .post(CHANNELS, tenant).then().statusCode(422).contentType(PROBLEM)
                    .body("detail", containsString("invalid_auth"));
            // And an app token Slack refuses (revoked, or not an app-level token) is a 422 problem naming the app
            // token; nothing is stored for it
            for (String refused : List.of("invalid_auth", "not_allowed_token_type")) {
                String badAppToken = (refused.equals("invalid_auth") ? "xapp-revoked-" : "xapp-wrongtype-")
                        + random(20).replace("_", "a").replace("-", "b");
                admin().contentType("application/json")
                        .body("{\"type\": \"SLACK\", \"displayName\": \"Team\", \"mode\": \"SOCKET_MODE\", "
                                + "\"credentials\": {\"botToken\": \"" + botToken + "\", \"signingSecret\": \""
                                + signingSecret + "\", \"appToken\": \"" + badAppToken + "\"}}")
                        .post(CHANNELS, tenant).then().statusCode(422).contentType(PROBLEM)
                        .body("title", equalTo("Slack refused the app-level token"))
                        .body("detail", containsString("apps.connections.open with " + refused))
                        .body("detail", not(containsString(badAppToken)));
                assertThat(TelegramConnectResource.slack().connectionsOpens(badAppToken)).isOne();
            }
            admin().get(CHANNELS, tenant).then().statusCode(200).body("items.size()", equalTo(2));
        }
    }

    @Test
    void aDiscordBotIsCheckedWithUsersMeGetsItsAskCommandAndARefusedTokenStoresNothing() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.CHANNEL_CONNECTIONS)) {
            // Given a tenant and a Discord application's bot token, public key and application id
            String tenant = newTenant().getString("id");
            String botToken = "MTE3MDAwMDAwMDAwMDAwMDAwMQ.GabCdE." + random(32).replace("_", "a").replace("-", "b")
                    .substring(0, 32);
            String publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

            // When its administrator connects it without a mode
            ExtractableResponse<Response> created = admin().contentType("application/json")
                    .body("{\"type\": \"DISCORD\", \"displayName\": \"Community\", \"credentials\": "
                            + "{\"botToken\": \"" + botToken + "\", \"publicKey\": \"" + publicKey.toUpperCase()
                            + "\", \"applicationId\": \"1170000000000000000\"}}")
                    .post(CHANNELS, tenant).then().statusCode(201)
                    .body("type", equalTo("DISCORD"))
                    .body("mode", equalTo("WEBHOOK"))
                    .body("account.id", equalTo(ai.aleff.testkit.channels.DiscordApi.BOT_USER_ID))
                    .body("account.username", equalTo("aleff"))
                    .body("webhookUrl", org.hamcrest.Matchers.startsWith(PUBLIC_URL + "/v1/channels/discord/"))
                    .extract();
            String id = created.path("connectionId");
            assertThat((String) created.path("webhookUrl")).endsWith("/" + id);

            // Then Discord was asked who the token is, as a bot, and the record carries the three credentials
            // encrypted only (the public key in lower case)
            assertThat(TelegramConnectResource.discord().meCalls()).contains("Bot " + botToken);
            // And the /ask command with its required question option was created for the application
            assertThat(TelegramConnectResource.discord().commandRegistrations())
                    .filteredOn(c -> ("Bot " + botToken).equals(c.authorization())).singleElement()
                    .satisfies(c -> {
                        assertThat(c.path()).isEqualTo("/applications/1170000000000000000/commands");
                        assertThat(c.body().path("name").asText()).isEqualTo("ask");
                        assertThat(c.body().at("/options/0/name").asText()).isEqualTo("question");
                        assertThat(c.body().at("/options/0/required").asBoolean()).isTrue();
                    });
            ChannelConnectionChanged published = probe.awaitOne(ChannelConnectionChanged.class,
                    c -> c.connectionId().equals(id)).data();
            assertThat(published.type()).isEqualTo(ChannelConnectionChanged.Type.DISCORD);
            assertThat(cipher.decrypt(place(tenant, id, ChannelConnectionChanged.PUBLIC_KEY),
                    published.credentials().get(ChannelConnectionChanged.PUBLIC_KEY))).isEqualTo(publicKey);
            assertThat(cipher.decrypt(place(tenant, id, ChannelConnectionChanged.APPLICATION_ID),
                    published.credentials().get(ChannelConnectionChanged.APPLICATION_ID)))
                    .isEqualTo("1170000000000000000");
            assertThat(cipher.decrypt(place(tenant, id, ChannelConnectionChanged.BOT_TOKEN),
                    published.credentials().get(ChannelConnectionChanged.BOT_TOKEN))).isEqualTo(botToken);
            assertThat(probe.records()).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .doesNotContain(botToken));

            // And a token Discord refuses and an application id that is not the bot's are 422 problems saying so,
            // a Socket Mode request a 400 naming the mode; nothing is stored for any
            admin().contentType("application/json")
                    .body("{\"type\": \"DISCORD\", \"displayName\": \"Community\", \"credentials\": "
                            + "{\"botToken\": \"revoked0000000000000000.GabCdE.abcdefghijklmnopqrstuvwxyz\", "
                            + "\"publicKey\": \"" + publicKey + "\", \"applicationId\": \"1170000000000000000\"}}")
                    .post(CHANNELS, tenant).then().statusCode(422).contentType(PROBLEM)
                    .body("title", equalTo("Discord refused the bot token"))
                    .body("detail", containsString("401"));
            admin().contentType("application/json")
                    .body("{\"type\": \"DISCORD\", \"displayName\": \"Community\", \"credentials\": "
                            + "{\"botToken\": \"" + botToken + "\", \"publicKey\": \"" + publicKey
                            + "\", \"applicationId\": \"9990000000000000000\"}}")
                    .post(CHANNELS, tenant).then().statusCode(422).contentType(PROBLEM)
                    .body("title", equalTo("Discord refused the application id"));
            admin().contentType("application/json")
                    .body("{\"type\": \"DISCORD\", \"displayName\": \"Community\", \"mode\": \"SOCKET_MODE\", "
                            + "\"credentials\": {\"botToken\": \"" + botToken + "\", \"publicKey\": \"" + publicKey
                            + "\", \"applicationId\": \"1170000000000000000\"}}")
                    .post(CHANNELS, tenant).then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("mode"));
            admin().get(CHANNELS, tenant).then().statusCode(200).body("items.size()", equalTo(1));

            // And the same bot in GATEWAY mode needs no public key and has no webhook URL (we hold its Gateway
            // session), while WEBHOOK without the public key is a 400 naming it
            admin().contentType("application/json")
                    .body("{\"type\": \"DISCORD\", \"displayName\": \"Community\", \"mode\": \"WEBHOOK\", "
                            + "\"credentials\": {\"botToken\": \"" + botToken
                            + "\", \"applicationId\": \"1170000000000000000\"}}")
                    .post(CHANNELS, tenant).then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("credentials.publicKey"));
            String gateway = admin().contentType("application/json")
                    .body("{\"type\": \"DISCORD\", \"displayName\": \"Community gateway\", \"mode\": \"GATEWAY\", "
                            + "\"credentials\": {\"botToken\": \"" + botToken
                            + "\", \"applicationId\": \"1170000000000000000\"}}")
                    .post(CHANNELS, tenant).then().statusCode(201)
                    .body("mode", equalTo("GATEWAY"))
                    .body("webhookUrl", org.hamcrest.Matchers.nullValue())
                    .body("account.id", equalTo(ai.aleff.testkit.channels.DiscordApi.BOT_USER_ID))
                    .extract().path("connectionId");
            ChannelConnectionChanged gatewayPublished = probe.awaitOne(ChannelConnectionChanged.class,
                    c -> c.connectionId().equals(gateway)).data();
            assertThat(gatewayPublished.mode()).isEqualTo(ChannelConnectionChanged.Mode.GATEWAY);
            assertThat(gatewayPublished.credentials()).containsKeys(ChannelConnectionChanged.BOT_TOKEN,
                    ChannelConnectionChanged.APPLICATION_ID).doesNotContainKey(ChannelConnectionChanged.PUBLIC_KEY);
            // And switching it to WEBHOOK without ever giving the public key is refused the same way
            admin().contentType("application/json").header("If-Match", "\"1\"")
                    .body("{\"displayName\": \"Community gateway\", \"mode\": \"WEBHOOK\"}")
                    .put(CHANNEL, tenant, gateway).then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("credentials.publicKey"));
            admin().get(CHANNELS, tenant).then().statusCode(200).body("items.size()", equalTo(2));
        }
    }

    @Test
    void aRefusedTokenARateLimitOrAnUnreachableTelegramStoreAndPublishNothing() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.CHANNEL_CONNECTIONS)) {
            // Given a tenant
            String tenant = newTenant().getString("id");
            String limited = newToken();
            String unreachable = newToken();
            telegram().bot(limited, 1, "busy_bot").rateLimit(limited, "getMe", 7);
            telegram().bot(unreachable, 2, "gone_bot").unreachable(unreachable);

            // When a token Telegram does not know is connected, Then the problem says Telegram refused it
            connectTelegram(tenant, newToken(), null).statusCode(422).contentType(PROBLEM)
                    .body("detail", containsString("bot token is wrong or was revoked"));
            // And a rate limit says when to retry, an unreachable Telegram is a bad gateway
            connectTelegram(tenant, limited, null).statusCode(503).contentType(PROBLEM).header("Retry-After", "7");
            connectTelegram(tenant, unreachable, null).statusCode(502).contentType(PROBLEM)
                    .body("detail", org.hamcrest.Matchers.not(containsString(unreachable)));

            // Then nothing was stored or published: the tenant's first record is a later marker connection
            admin().get(CHANNELS, tenant).then().statusCode(200).body("items", equalTo(List.of()));
            String marker = newToken();
            telegram().bot(marker, 3, "marker_bot");
            String id = connectTelegram(tenant, marker, "POLLING").statusCode(201).extract().path("connectionId");
            probe.awaitOne(ChannelConnectionChanged.class, c -> c.connectionId().equals(id));
            assertThat(probe.distinct(ChannelConnectionChanged.class, c -> c.tenantId().equals(tenant)))
                    .extracting(e -> e.data().connectionId()).containsExactly(id);
        }
    }

    @Test
    void aWhatsAppNumberShowsItsVerifyTokenOnceAndTheTenantsDeletionErasesEveryConnection() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.CHANNEL_CONNECTIONS)) {
            // Given a tenant with a Telegram bot
            String tenant = newTenant().getString("id");
            String token = newToken();
            telegram().bot(token, 5, "second_bot");
            String bot = connectTelegram(tenant, token, "POLLING").statusCode(201).extract().path("connectionId");

            // When a WhatsApp number is connected
            String accessToken = "EAAG" + random(60);
            String appSecret = random(32);
            ExtractableResponse<Response> created = admin().contentType(ContentType.JSON)
                    .body("{\"type\": \"WHATSAPP\", \"displayName\": \"Support line\", \"settings\": "
                            + "{\"phoneNumberId\": \"106540352242922\"}, \"credentials\": {\"accessToken\": \""
                            + accessToken + "\", \"appSecret\": \"" + appSecret + "\"}}")
                    .post(CHANNELS, tenant).then().statusCode(201).header("Cache-Control", "no-store")
                    .body("mode", equalTo("WEBHOOK"))
                    .body("account.id", equalTo("106540352242922"))
                    .extract();
            String id = created.path("connectionId");
            String verifyToken = created.path("verifyToken");

            // Then the callback URL and verify token to paste into Meta's dashboard are shown, the token only once
            assertThat(created.<String>path("webhookUrl")).isEqualTo(PUBLIC_URL + "/v1/channels/whatsapp/" + id);
            assertThat(verifyToken).matches("[A-Za-z0-9_-]{43}");
            String read = admin().get(CHANNEL, tenant, id).then().statusCode(200).body("verifyToken", nullValue())
                    .extract().asString();
            assertThat(read).doesNotContain(verifyToken).doesNotContain(accessToken).doesNotContain(appSecret);
            // And every credential is published encrypted at its place
            ChannelConnectionChanged published = probe.awaitOne(ChannelConnectionChanged.class,
                    c -> c.connectionId().equals(id)).data();
            assertThat(Map.of(ChannelConnectionChanged.ACCESS_TOKEN, accessToken, ChannelConnectionChanged.APP_SECRET,
                    appSecret, ChannelConnectionChanged.VERIFY_TOKEN, verifyToken))
                    .allSatisfy((name, plain) -> assertThat(
                            cipher.decrypt(place(tenant, id, name), published.credentials().get(name)))
                            .isEqualTo(plain));

            // When the tenant is deleted
            admin().delete("/v1/tenants/{id}", tenant).then().statusCode(204);

            // Then each of its connections gets its DELETED record, without credentials
            List<CloudEvent<ChannelConnectionChanged>> deleted = probe.await(ChannelConnectionChanged.class,
                    c -> c.tenantId().equals(tenant) && c.status() == Status.DELETED, 2);
            assertThat(deleted).extracting(e -> e.data().connectionId()).containsExactlyInAnyOrder(bot, id);
            assertThat(deleted).allSatisfy(e -> {
                assertThat(e.data().credentials()).isEmpty();
                assertThat(e.data().version()).isEqualTo(2);
            });
        }
    }

    @Test
    void malformedHostileForeignAndUnauthenticatedRequestsAreProblemsThatChangeNothing() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.CHANNEL_CONNECTIONS);
                LoggedErrors logged = LoggedErrors.capture()) {
            // Given a tenant with a connection, and another tenant
            String tenant = newTenant().getString("id");
            String other = newTenant().getString("id");
            String token = newToken();
            telegram().bot(token, 9, "guarded_bot");
            String id = connectTelegram(tenant, token, "POLLING").statusCode(201).extract().path("connectionId");
            int getMeCalls = telegram().count("getMe");

            // When bodies are malformed, hostile or break the limits, Then each is a 400 problem
            String valid = "\"credentials\": {\"botToken\": \"" + token + "\"}";
            List<String> bad = new ArrayList<>(List.of("not json", "[]", "true", "{}", "{\"type\": \"TELEGRAM\"}",
                    "{\"type\": \"SIGNAL\", \"displayName\": \"x\", " + valid + "}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"mode\": \"PUSH\", " + valid + "}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"admin\": true, " + valid + "}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"credentials\": {\"botToken\": \"" + token
                            + "\", \"webhookSecret\": \"mine\"}}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"credentials\": {\"botToken\": "
                            + "\"1/../../bot2:AAAAAAAAAAAAAAAAAAAAAAAAAAAA/getMe\"}}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"credentials\": {}}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"" + "n".repeat(201) + "\", " + valid + "}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"bad\\u0000name\", " + valid + "}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"settings\": {\"allowedChats\": [\""
                            + "1".repeat(65) + "\"]}, " + valid + "}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"settings\": {\"allowedUsers\": "
                            + ids(1001) + "}, " + valid + "}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"settings\": {\"allowedUsers\": "
                            + "[\"<script>\"]}, " + valid + "}",
                    "{\"type\": \"TELEGRAM\", \"displayName\": \"x\", \"settings\": {\"phoneNumberId\": \"1\"}, "
                            + valid + "}",
                    "{\"type\": \"WHATSAPP\", \"displayName\": \"x\", \"credentials\": {\"accessToken\": \""
                            + random(40) + "\", \"appSecret\": \"" + random(32) + "\"}}",
                    "{\"type\": \"WHATSAPP\", \"displayName\": \"x\", \"mode\": \"POLLING\", \"settings\": "
                            + "{\"phoneNumberId\": \"1\"}, \"credentials\": {\"accessToken\": \"" + random(40)
                            + "\", \"appSecret\": \"" + random(32) + "\"}}",
                    "{\"type\": \"TELEGRAM\", \"type\": \"WHATSAPP\", \"displayName\": \"x\", " + valid + "}"));
            for (String body : bad) {
                expectProblem(admin().contentType(ContentType.JSON).body(body).post(CHANNELS, tenant), 400, body);
            }
            admin().contentType(ContentType.TEXT).body("type=TELEGRAM").post(CHANNELS, tenant).then().statusCode(415);
            // And a PUT may not change the type, nor carry bad values
            for (String body : List.of("{\"type\": \"WHATSAPP\", \"displayName\": \"x\"}", "{\"displayName\": \"\"}",
                    "{\"displayName\": \"x\", \"credentials\": {\"accessToken\": \"" + random(40) + "\"}}",
                    "{\"displayName\": \"x\", \"status\": \"ACTIVE\"}", "{")) {
                expectProblem(admin().contentType(ContentType.JSON).body(body).put(CHANNEL, tenant, id), 400, body);
            }

            // When callers without a token, of another tenant, or only reading try to change it
            given().contentType(ContentType.JSON).body("{}").post(CHANNELS, tenant).then().statusCode(401)
                    .contentType(PROBLEM);
            given().get(CHANNEL, tenant, id).then().statusCode(401);
            RequestSpecification foreign = bearer(RealmUsers.token(RealmUsers.tenantAdmin(other)));
            foreign.get(CHANNEL, tenant, id).then().statusCode(403).contentType(PROBLEM);
            bearer(RealmUsers.token(RealmUsers.tenantAdmin(other))).delete(CHANNEL, tenant, id).then().statusCode(403);
            // And the other tenant's own path does not find this tenant's connection; a forged id finds nothing
            bearer(RealmUsers.token(RealmUsers.tenantAdmin(other))).get(CHANNEL, other, id).then().statusCode(404);
            admin().get(CHANNEL, tenant, "..%2F..%2Fassistant").then().statusCode(404);
            admin().get(CHANNEL, tenant, "A".repeat(22)).then().statusCode(404).contentType(PROBLEM);
            // And a member reads but cannot change
            String member = RealmUsers.token(RealmUsers.tenantMember(tenant));
            bearer(member).get(CHANNEL, tenant, id).then().statusCode(200);
            bearer(member).post(CHANNEL + "/pause", tenant, id).then().statusCode(403);

            // Then Telegram was never asked, no error was logged, and the connection is unchanged at version 1
            assertThat(telegram().count("getMe")).isEqualTo(getMeCalls);
            assertThat(logged.errors()).isEmpty();
            admin().get(CHANNEL, tenant, id).then().statusCode(200).header("ETag", "\"1\"")
                    .body("status", equalTo("ACTIVE"));
            admin().post(CHANNEL + "/pause", tenant, id).then().statusCode(200).header("ETag", "\"2\"");
            probe.awaitOne(ChannelConnectionChanged.class, c -> c.connectionId().equals(id) && c.version() == 2);
            assertThat(probe.distinct(ChannelConnectionChanged.class, c -> c.tenantId().equals(tenant)))
                    .extracting(e -> e.data().version()).containsExactly(1L, 2L);
        }
    }

    private static io.restassured.response.ValidatableResponse connectTelegram(String tenant, String token,
            String mode) {
        return admin().contentType(ContentType.JSON)
                .body("{\"type\": \"TELEGRAM\", \"displayName\": \"Support bot\""
                        + (mode == null ? "" : ", \"mode\": \"" + mode + "\"")
                        + ", \"credentials\": {\"botToken\": \"" + token + "\"}}")
                .post(CHANNELS, tenant).then();
    }

    private static void expectProblem(Response response, int status, String request) {
        assertThat(response.statusCode()).as(request).isEqualTo(status);
        assertThat(response.contentType()).as(request).startsWith(PROBLEM);
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static TelegramConnectApi telegram() {
        return TelegramConnectResource.api();
    }

    private static SecretPlace place(String tenant, String connectionId, String name) {
        return SecretPlace.channelCredential(tenant, connectionId, name);
    }

    /** A token of Telegram's shape: bot id, colon, 35 characters. */
    private static String newToken() {
        return (100_000_000 + RANDOM.nextInt(900_000_000)) + ":AA" + random(33);
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String ids(int count) {
        return Collections.nCopies(count, "\"1\"").toString();
    }
}
