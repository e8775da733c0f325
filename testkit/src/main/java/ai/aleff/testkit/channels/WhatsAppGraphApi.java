package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * The sending side of WhatsApp's Cloud API (Graph API {@code POST /{phone-number-id}/messages}) on loopback
 * (WireMock): a text message is answered {@code {"messaging_product":"whatsapp","contacts":[..],
 * "messages":[{"id":"wamid..."}]}}, a mark-as-read ({@code "status":"read"}, optionally with
 * {@code typing_indicator}) {@code {"success":true}}. Per recipient a test can make it refuse with 131047 (more than
 * 24 hours since the user wrote, {@link #windowClosed}) or 130429 (throughput, {@link #rateLimitedOnce}). Calls
 * without {@code Authorization: Bearer} get 401 (error 190). Every call is journaled ({@link #messages},
 * {@link #markedRead}).
 */
public final class WhatsAppGraphApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "/[0-9]+/messages";

    private final WireMockServer server;

    private WhatsAppGraphApi() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true)
                .templatingEnabled(true).globalTemplating(false));
        server.start();
        server.stubFor(post(urlPathMatching("/v21.0" + MESSAGES)).atPriority(200)
                .willReturn(json(401, error(190, "Invalid OAuth access token."))));
        server.stubFor(post(urlPathMatching("/v21.0" + MESSAGES)).atPriority(100)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":"
                                + "\"{{jsonPath request.body '$.to'}}\",\"wa_id\":\"{{jsonPath request.body '$.to'}}\"}],"
                                + "\"messages\":[{\"id\":\"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}\"}]}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching("/v21.0" + MESSAGES)).atPriority(50)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"))
                .withRequestBody(matchingJsonPath("$.status", equalTo("read")))
                .willReturn(json(200, "{\"success\":true}")));
    }

    public static WhatsAppGraphApi start() {
        return new WhatsAppGraphApi();
    }

    /** The Graph API base URL to configure (no trailing slash, like {@code https://graph.facebook.com/v21.0}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v21.0";
    }

    /** Messages to {@code to} are refused with 131047: the 24-hour customer-service window is closed. */
    public void windowClosed(String to) {
        server.stubFor(post(urlPathMatching("/v21.0" + MESSAGES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(to)))
                .willReturn(json(400, error(131047, "Re-engagement message"))));
    }

    /** The next message to {@code to} is refused with 130429 (rate limit hit); later ones succeed. */
    public void rateLimitedOnce(String to) {
        server.stubFor(post(urlPathMatching("/v21.0" + MESSAGES)).atPriority(1).inScenario("130429-" + to)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .withRequestBody(matchingJsonPath("$.to", equalTo(to)))
                .willReturn(json(400, error(130429, "Rate limit hit"))));
    }

    /** Every text message call to {@code to}, whatever it was answered, in arrival order. */
    public List<Call> messages(String to) {
        return server.findAll(postRequestedFor(urlPathMatching("/v21.0" + MESSAGES))).stream()
                .map(r -> new Call(r.getUrl().replaceAll("^/v21.0/([0-9]+)/.*$", "$1"), read(r.getBodyAsString()),
                        r.getHeader("Authorization"), r.getLoggedDate().toInstant()))
                .filter(c -> c.body().path("to").asText().equals(to) && c.body().path("type").asText().equals("text"))
                .sorted(Comparator.comparing(Call::at))
                .toList();
    }

    /** Every image message to {@code to}, in arrival order. */
    public List<Call> images(String to) {
        return server.findAll(postRequestedFor(urlPathMatching("/v21.0" + MESSAGES))).stream()
                .map(r -> new Call(r.getUrl().replaceAll("^/v21.0/([0-9]+)/.*$", "$1"), read(r.getBodyAsString()),
                        r.getHeader("Authorization"), r.getLoggedDate().toInstant()))
                .filter(c -> c.body().path("to").asText().equals(to) && c.body().path("type").asText().equals("image"))
                .sorted(Comparator.comparing(Call::at))
                .toList();
    }

    /** Every mark-as-read call of the user's message {@code wamid} (with or without typing indicator). */
    public List<Call> markedRead(String wamid) {
        return server.findAll(postRequestedFor(urlPathMatching("/v21.0" + MESSAGES))).stream()
                .map(r -> new Call(r.getUrl().replaceAll("^/v21.0/([0-9]+)/.*$", "$1"), read(r.getBodyAsString()),
                        r.getHeader("Authorization"), r.getLoggedDate().toInstant()))
                .filter(c -> c.body().path("status").asText().equals("read")
                        && c.body().path("message_id").asText().equals(wamid))
                .sorted(Comparator.comparing(Call::at))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A call: the phone-number id in its path, its JSON body, its Authorization header, when it arrived. */
    public record Call(String phoneNumberId, JsonNode body, String authorization, Instant at) {

        public String text() {
            return body.path("text").path("body").asText();
        }

        /** {@code context.message_id} (the quoted message), or null. */
        public String contextMessageId() {
            return body.path("context").hasNonNull("message_id")
                    ? body.path("context").get("message_id").asText()
                    : null;
        }
    }

    private static String error(int code, String message) {
        return "{\"error\":{\"message\":\"(#" + code + ") " + message + "\",\"type\":\"OAuthException\",\"code\":"
                + code + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message
                + "\"},\"fbtrace_id\":\"AbCdEf\"}}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
