package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The part of Telegram's Bot API (https://core.telegram.org/bots/api) a connection is set up with: {@code getMe},
 * {@code setWebhook}, {@code deleteWebhook}, at {@code /bot<token>/<method>} on loopback (WireMock), answering with
 * the documented envelope: {@code {"ok": true, "result": ...}} or {@code {"ok": false, "error_code": ..,
 * "description": ..}}. Bodies are read as JSON (what tenant-service sends).
 * <ul>
 * <li>a token registered with {@link #bot} is answered; every other token gets {@code 401 Unauthorized}, as
 * Telegram answers a wrong or revoked token;</li>
 * <li>{@code setWebhook} refuses (400) a URL that is not HTTPS and a {@code secret_token} outside 1-256 characters
 * of {@code A-Za-z0-9_-}, with Telegram's descriptions;</li>
 * <li>{@link #rateLimit} answers 429 with {@code parameters.retry_after}; {@link #unreachable} resets the
 * connection.</li>
 * </ul>
 * Every request is journaled: {@link #calls} gives the JSON bodies a token's method received.
 */
public final class TelegramConnectApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BOT_PRIORITY = 10;
    private static final int OVERRIDE_PRIORITY = 1;
    private static final int FALLBACK_PRIORITY = 100;

    private final WireMockServer server;

    private TelegramConnectApi() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true));
        server.start();
        server.stubFor(any(urlPathMatching("/bot[^/]*/[A-Za-z]+")).atPriority(FALLBACK_PRIORITY)
                .willReturn(error(401, "Unauthorized")));
    }

    public static TelegramConnectApi start() {
        return new TelegramConnectApi();
    }

    /** The Bot API base URL to configure (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A bot whose token Telegram knows: getMe names it, setWebhook and deleteWebhook succeed. */
    public TelegramConnectApi bot(String token, long id, String username) {
        ObjectNode me = JSON.createObjectNode().put("id", id).put("is_bot", true).put("first_name", username)
                .put("username", username).put("can_join_groups", true).put("can_read_all_group_messages", false)
                .put("supports_inline_queries", false);
        server.stubFor(any(path(token, "getMe")).atPriority(BOT_PRIORITY).willReturn(ok(me, null)));
        server.stubFor(any(path(token, "setWebhook")).atPriority(BOT_PRIORITY)
                .withRequestBody(matchingJsonPath("$.url", matching("https://.+")))
                .withRequestBody(matchingJsonPath("$.secret_token", matching("[A-Za-z0-9_-]{1,256}")))
                .willReturn(ok(JSON.getNodeFactory().booleanNode(true), "Webhook was set")));
        server.stubFor(any(path(token, "setWebhook")).atPriority(BOT_PRIORITY + 1)
                .withRequestBody(matchingJsonPath("$.url", matching("https://.+")))
                .willReturn(error(400, "Bad Request: secret token contains unallowed characters")));
        server.stubFor(any(path(token, "setWebhook")).atPriority(BOT_PRIORITY + 2)
                .willReturn(error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")));
        server.stubFor(any(path(token, "deleteWebhook")).atPriority(BOT_PRIORITY)
                .willReturn(ok(JSON.getNodeFactory().booleanNode(true), "Webhook was deleted")));
        return this;
    }

    /** From now on {@code method} of {@code token} answers 429 with {@code retry_after} seconds. */
    public TelegramConnectApi rateLimit(String token, String method, int retryAfterSeconds) {
        ObjectNode body = JSON.createObjectNode().put("ok", false).put("error_code", 429)
                .put("description", "Too Many Requests: retry after " + retryAfterSeconds);
        body.putObject("parameters").put("retry_after", retryAfterSeconds);
        server.stubFor(any(path(token, method)).atPriority(OVERRIDE_PRIORITY)
                .willReturn(json(429, body)));
        return this;
    }

    /** From now on every call with {@code token} has its connection reset, as an unreachable Telegram would. */
    public TelegramConnectApi unreachable(String token) {
        server.stubFor(any(urlPathMatching("/bot" + Pattern.quote(token) + "/[A-Za-z]+")).atPriority(OVERRIDE_PRIORITY)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        return this;
    }

    /** The JSON bodies {@code method} of {@code token} received, oldest first (an empty body reads as {}). */
    public List<JsonNode> calls(String token, String method) {
        return server.findAll(anyRequestedFor(path(token, method))).stream().map(TelegramConnectApi::body).toList();
    }

    /** How many calls of {@code method} arrived, with any token. */
    public int count(String method) {
        return server.findAll(anyRequestedFor(urlPathMatching("/bot[^/]*/" + Pattern.quote(method)))).size();
    }

    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static com.github.tomakehurst.wiremock.matching.UrlPathPattern path(String token, String method) {
        return urlPathEqualTo("/bot" + token + "/" + method);
    }

    private static JsonNode body(LoggedRequest request) {
        String text = request.getBodyAsString();
        try {
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Telegram emulator received a body that is not JSON", e);
        }
    }

    private static ResponseDefinitionBuilder ok(JsonNode result, String description) {
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        body.set("result", result);
        if (description != null) {
            body.put("description", description);
        }
        return json(200, body);
    }

    private static ResponseDefinitionBuilder error(int code, String description) {
        return json(code, JSON.createObjectNode().put("ok", false).put("error_code", code)
                .put("description", description));
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString());
    }
}
