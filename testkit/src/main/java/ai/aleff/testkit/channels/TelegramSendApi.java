package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * The sending side of Telegram's Bot API (https://core.telegram.org/bots/api) on loopback (WireMock):
 * {@code sendMessage} and {@code sendPhoto} answer {@code {"ok":true,"result":{"message_id":..}}} and {@code sendChatAction}
 * {@code {"ok":true,"result":true}} for any token. Per chat a test can make it answer 429 with
 * {@code parameters.retry_after} once ({@link #tooManyRequestsOnce}), refuse HTML with 400 "can't parse entities"
 * ({@link #refuseEntities}) or fail with a status every time ({@link #failAlways}), and answer its sendChatAction
 * calls with 429 ({@link #chatActionsTooManyRequests}). Every call is journaled, so
 * tests count sends at the platform's side ({@link #sends}).
 */
public final class TelegramSendApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEND = "/bot[^/]+/sendMessage";

    private final WireMockServer server;

    private TelegramSendApi() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true)
                .templatingEnabled(true).globalTemplating(false));
        server.start();
        server.stubFor(post(urlPathMatching(SEND)).atPriority(100).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"result\":{\"message_id\":1{{randomValue length=7 type='NUMERIC'}},"
                        + "\"date\":1700000000,\"text\":\"sent\"}}")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching("/bot[^/]+/sendPhoto")).atPriority(100).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"result\":{\"message_id\":2{{randomValue length=7 type='NUMERIC'}},"
                        + "\"date\":1700000000,\"photo\":[{\"file_id\":\"AgAD\",\"width\":90,\"height\":90}]}}")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching("/bot[^/]+/sendChatAction")).atPriority(100)
                .willReturn(okJson("{\"ok\":true,\"result\":true}")));
    }

    public static TelegramSendApi start() {
        return new TelegramSendApi();
    }

    /** The Bot API base URL to configure (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The next sendMessage to {@code chatId} gets 429 with {@code retry_after}; later ones succeed. */
    public void tooManyRequestsOnce(String chatId, int retryAfterSeconds) {
        String scenario = "429-" + chatId;
        server.stubFor(post(urlPathMatching(SEND)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).withRequestBody(chat(chatId)).willSetStateTo("answered")
                .willReturn(json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: "
                        + "retry after " + retryAfterSeconds + "\",\"parameters\":{\"retry_after\":"
                        + retryAfterSeconds + "}}")));
    }

    /** Every sendMessage to {@code chatId} with {@code parse_mode} gets 400 "can't parse entities". */
    public void refuseEntities(String chatId) {
        server.stubFor(post(urlPathMatching(SEND)).atPriority(1).withRequestBody(chat(chatId))
                .withRequestBody(matchingJsonPath("$.parse_mode"))
                .willReturn(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse "
                        + "entities: Unsupported start tag \\\"x\\\" at byte offset 0\"}")));
    }

    /** Every sendMessage to {@code chatId} is answered with {@code status} (e.g. 500). */
    public void failAlways(String chatId, int status) {
        server.stubFor(post(urlPathMatching(SEND)).atPriority(1).withRequestBody(chat(chatId))
                .willReturn(json(status, "{\"ok\":false,\"error_code\":" + status
                        + ",\"description\":\"Internal Server Error\"}")));
    }

    /** Every sendChatAction to {@code chatId} gets 429 with {@code retry_after} (typing must give way, not retry). */
    public void chatActionsTooManyRequests(String chatId, int retryAfterSeconds) {
        server.stubFor(post(urlPathMatching("/bot[^/]+/sendChatAction")).atPriority(1).withRequestBody(chat(chatId))
                .willReturn(json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: "
                        + "retry after " + retryAfterSeconds + "\",\"parameters\":{\"retry_after\":"
                        + retryAfterSeconds + "}}")));
    }

    /** Every sendPhoto to {@code chatId} gets 400: Telegram could not fetch the photo's URL. */
    public void refusePhotos(String chatId) {
        server.stubFor(post(urlPathMatching("/bot[^/]+/sendPhoto")).atPriority(1).withRequestBody(chat(chatId))
                .willReturn(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: "
                        + "wrong file identifier/HTTP URL specified\"}")));
    }

    /** Every sendMessage call to {@code chatId}, whatever it was answered, in arrival order. */
    public List<Call> sends(String chatId) {
        return calls("sendMessage").stream().filter(c -> c.body().path("chat_id").asText().equals(chatId)).toList();
    }

    /** Every sendPhoto call to {@code chatId}. */
    public List<Call> photos(String chatId) {
        return calls("sendPhoto").stream().filter(c -> c.body().path("chat_id").asText().equals(chatId)).toList();
    }

    /** Every sendMessage and sendPhoto call to {@code chatId}, in arrival order. */
    public List<Call> messagesAndPhotos(String chatId) {
        return java.util.stream.Stream.concat(sends(chatId).stream(), photos(chatId).stream())
                .sorted(Comparator.comparing(Call::at)).toList();
    }

    /** Every sendChatAction call to {@code chatId}. */
    public List<Call> chatActions(String chatId) {
        return calls("sendChatAction").stream().filter(c -> c.body().path("chat_id").asText().equals(chatId))
                .toList();
    }

    private List<Call> calls(String method) {
        return server.findAll(postRequestedFor(urlPathMatching("/bot[^/]+/" + method))).stream()
                .map(r -> new Call(r.getUrl().replaceAll("^/bot([^/]+)/.*$", "$1"), read(r.getBodyAsString()),
                        r.getLoggedDate().toInstant()))
                .sorted(Comparator.comparing(Call::at))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A call: the token in its path, its JSON body, when it arrived. */
    public record Call(String token, JsonNode body, Instant at) {

        public String text() {
            return body.path("text").asText();
        }

        /** A sendPhoto's {@code photo} (the URL), or null for other calls. */
        public String photo() {
            return body.hasNonNull("photo") ? body.get("photo").asText() : null;
        }

        /** A sendPhoto's {@code caption}. */
        public String caption() {
            return body.path("caption").asText();
        }

        /** {@code parse_mode}, or null when absent (plain text). */
        public String parseMode() {
            return body.hasNonNull("parse_mode") ? body.get("parse_mode").asText() : null;
        }
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern chat(String chatId) {
        return matchingJsonPath("$.chat_id", equalTo(chatId));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return json(200, body);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

}
