package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * Discord's REST API on loopback (WireMock), as {@code https://discord.com/api/v10}:
 * <ul>
 * <li>{@code GET /users/@me} with {@code Authorization: Bot <token>} answers the bot user {@link #BOT_USER_ID}; a
 * token starting with {@code revoked} is answered 401 {@code {"message": "401: Unauthorized", "code": 0}}, as is a
 * request without one;</li>
 * <li>{@code POST /applications/{id}/commands} (create or update a command) answers 201; an application id starting
 * with {@code 999} is answered 403 {@code {"message": "Missing Access", "code": 50001}};</li>
 * <li>the interaction webhook: {@code PATCH /webhooks/{app}/{token}/messages/@original} (edit the deferred response)
 * and {@code POST /webhooks/{app}/{token}} (a follow-up), no Authorization (the token is in the path); a token a test
 * {@link #expire}s is answered 401 {@code {"message": "Invalid Webhook Token", "code": 50027}};</li>
 * <li>{@code POST /channels/{id}/messages} with a bot token;</li>
 * <li>{@code POST /channels/{id}/typing} with a bot token, answered 204;</li>
 * <li>{@code GET /gateway/bot} with a bot token, once a test gave the Gateway's URL ({@link #withGateway}): the URL and
 * {@code session_start_limit} (how many IDENTIFYs are left of the 1,000 a day, and when the count resets);</li>
 * </ul>
 * each answering a message object {@code {"id", "channel_id", "content"}} with {@code X-RateLimit-*} headers. A test
 * can make the next call of a route answer 429 with {@code retry_after} in the body and Discord's bucket headers
 * ({@link #rateLimitedOnce}). Every call is journaled ({@link #calls}).
 */
public final class DiscordApi implements AutoCloseable {

    /** The bot user every accepted token belongs to. */
    public static final String BOT_USER_ID = "1170000000000000001";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/api/v10";
    private static final String MESSAGE = "{\"id\":\"{{randomValue length=18 type='NUMERIC'}}\","
            + "\"channel_id\":\"0\"}";

    private final WireMockServer server;

    private DiscordApi() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true)
                .templatingEnabled(true).globalTemplating(false));
        server.start();
        server.stubFor(any(urlPathMatching(PREFIX + "/.*")).atPriority(200)
                .willReturn(json(401, "{\"message\":\"401: Unauthorized\",\"code\":0}")));
        server.stubFor(get(urlPathEqualTo(PREFIX + "/users/@me")).atPriority(100)
                .withHeader("Authorization", matching("Bot [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .willReturn(json(200, "{\"id\":\"" + BOT_USER_ID + "\",\"username\":\"aleff\",\"discriminator\":"
                        + "\"0\",\"global_name\":null,\"avatar\":null,\"bot\":true,\"flags\":0}")));
        server.stubFor(get(urlPathEqualTo(PREFIX + "/users/@me")).atPriority(50)
                .withHeader("Authorization", matching("Bot revoked.*"))
                .willReturn(json(401, "{\"message\":\"401: Unauthorized\",\"code\":0}")));
        server.stubFor(post(urlPathMatching(PREFIX + "/applications/[0-9]+/commands")).atPriority(100)
                .withHeader("Authorization", matching("Bot [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"1230000000000000001\",\"type\":1,\"name\":\"ask\"}")));
        // An application id starting with 999 is not the bot's application.
        server.stubFor(post(urlPathMatching(PREFIX + "/applications/999[0-9]*/commands")).atPriority(50)
                .willReturn(json(403, "{\"message\":\"Missing Access\",\"code\":50001}")));
        server.stubFor(patch(urlPathMatching(PREFIX + "/webhooks/[0-9]+/[A-Za-z0-9._-]+/messages/@original"))
                .atPriority(100).willReturn(message()));
        server.stubFor(post(urlPathMatching(PREFIX + "/webhooks/[0-9]+/[A-Za-z0-9._-]+")).atPriority(100)
                .willReturn(message()));
        server.stubFor(post(urlPathMatching(PREFIX + "/channels/[0-9]+/messages")).atPriority(100)
                .withHeader("Authorization", matching("Bot .+"))
                .willReturn(message()));
        server.stubFor(post(urlPathMatching(PREFIX + "/channels/[0-9]+/typing")).atPriority(100)
                .withHeader("Authorization", matching("Bot .+"))
                .willReturn(aResponse().withStatus(204)));
    }

    /**
     * {@code GET /gateway/bot} answers {@code url} with {@code remaining} of 1,000 session starts left, the count
     * resetting in {@code resetAfterMillis}.
     */
    public DiscordApi withGateway(String url, int remaining, long resetAfterMillis) {
        server.stubFor(get(urlPathEqualTo(PREFIX + "/gateway/bot")).atPriority(100)
                .withHeader("Authorization", matching("Bot [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .willReturn(json(200, "{\"url\":\"" + url + "\",\"shards\":1,\"session_start_limit\":{\"total\":1000,"
                        + "\"remaining\":" + remaining + ",\"reset_after\":" + resetAfterMillis
                        + ",\"max_concurrency\":1}}")));
        server.stubFor(get(urlPathEqualTo(PREFIX + "/gateway/bot")).atPriority(50)
                .withHeader("Authorization", matching("Bot revoked.*"))
                .willReturn(json(401, "{\"message\":\"401: Unauthorized\",\"code\":0}")));
        return this;
    }

    /** For this bot token only, {@code GET /gateway/bot} answers {@code remaining} session starts left. */
    public void startLimit(String url, String botToken, int remaining, long resetAfterMillis) {
        server.stubFor(get(urlPathEqualTo(PREFIX + "/gateway/bot")).atPriority(40)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bot " + botToken))
                .willReturn(json(200, "{\"url\":\"" + url + "\",\"shards\":1,\"session_start_limit\":{\"total\":1000,"
                        + "\"remaining\":" + remaining + ",\"reset_after\":" + resetAfterMillis
                        + ",\"max_concurrency\":1}}")));
    }

    public static DiscordApi start() {
        return new DiscordApi();
    }

    /** The API base URL to configure (like {@code https://discord.com/api/v10}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + PREFIX;
    }

    /** The interaction token's webhook answers 401 "Invalid Webhook Token" from now on, as after its 15 minutes. */
    public void expire(String interactionToken) {
        server.stubFor(any(urlPathMatching(PREFIX + "/webhooks/[0-9]+/" + Pattern.quote(interactionToken) + "(/.*)?"))
                .atPriority(10).willReturn(json(401, "{\"message\":\"Invalid Webhook Token\",\"code\":50027}")));
    }

    /**
     * The next call whose path ends with {@code pathSuffix} (e.g. the interaction token, or {@code /channels/<id>/messages})
     * is answered 429 with {@code retry_after} seconds in the body and Discord's headers; later ones succeed.
     */
    public void rateLimitedOnce(String pathSuffix, double retryAfterSeconds) {
        server.stubFor(any(urlPathMatching(PREFIX + "/.*" + Pattern.quote(pathSuffix) + "(/messages/@original)?"))
                .atPriority(1).inScenario("429-" + pathSuffix).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("answered")
                .willReturn(json(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":"
                        + retryAfterSeconds + ",\"global\":false}")
                        .withHeader("Retry-After", String.valueOf((long) Math.ceil(retryAfterSeconds)))
                        .withHeader("X-RateLimit-Limit", "5")
                        .withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset-After", String.valueOf(retryAfterSeconds))
                        .withHeader("X-RateLimit-Bucket", "abcd1234bucket")
                        .withHeader("X-RateLimit-Scope", "user")));
    }

    /** Every call to a path containing {@code fragment} (a token, a channel id), whatever its answer, in order. */
    public List<Call> calls(String fragment) {
        return server.findAll(anyRequestedFor(urlPathMatching(PREFIX + "/.*"))).stream()
                .filter(r -> r.getUrl().contains(fragment))
                .map(r -> new Call(r.getMethod().getName(), r.getUrl().substring(PREFIX.length()),
                        read(r.getBodyAsString()), r.getHeader("Authorization"), r.getLoggedDate().toInstant()))
                .sorted(Comparator.comparing(Call::at))
                .toList();
    }

    /** Every command registration ({@code POST /applications/{id}/commands}), whatever its answer. */
    public List<Call> commandRegistrations() {
        return calls("/commands");
    }

    /** Every {@code GET /users/@me}, by its Authorization header. */
    public List<String> meCalls() {
        return calls("/users/@me").stream().map(Call::authorization).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A call: method, path after the version, JSON body, Authorization header, when it arrived. */
    public record Call(String method, String path, JsonNode body, String authorization, Instant at) {

        public String content() {
            return body.path("content").asText();
        }
    }

    private static ResponseDefinitionBuilder message() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-RateLimit-Limit", "5").withHeader("X-RateLimit-Remaining", "4")
                .withHeader("X-RateLimit-Reset-After", "1.0").withHeader("X-RateLimit-Bucket", "abcd1234bucket")
                .withBody(MESSAGE).withTransformers("response-template");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
