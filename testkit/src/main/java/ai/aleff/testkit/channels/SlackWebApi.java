package ai.aleff.testkit.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
 * Slack's Web API on loopback (WireMock), as {@code https://slack.com/api}: {@code auth.test} answers the bot of
 * any {@code xoxb-} token ({@code invalid_auth} for {@code xoxb-revoked...}, {@code not_authed} without one, with HTTP 200 as Slack does), {@code chat.postMessage}
 * answers {@code {"ok":true,"channel":..,"ts":..}}; a test can make a channel's next post answer 429 with
 * {@code Retry-After} ({@link #rateLimitedOnce}). {@code apps.connections.open} answers a WebSocket URL a test
 * sets ({@link #socketUrl}), or, started {@link #withSocketMode with a Socket Mode emulator}, a fresh single-use
 * ticket of that emulator per call; {@code invalid_auth} for {@code xapp-revoked...} and
 * {@code not_allowed_token_type} for {@code xapp-wrongtype...} (a token that is not an app-level one) in both cases.
 * Every post is journaled
 * ({@link #posts}), every {@code apps.connections.open} counted ({@link #connectionsOpens}).
 */
public final class SlackWebApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    private SlackWebApi(SlackSocketModeServer sockets) {
        var options = options().bindAddress("127.0.0.1").dynamicPort().http2PlainDisabled(true)
                .templatingEnabled(true).globalTemplating(false);
        server = new WireMockServer(
                sockets == null ? options : options.extensions(new ConnectionsOpenAnswers(sockets)));
        server.start();
        for (String method : List.of("auth.test", "chat.postMessage", "apps.connections.open")) {
            server.stubFor(post(urlPathEqualTo("/api/" + method)).atPriority(200)
                    .willReturn(json(200, "{\"ok\":false,\"error\":\"not_authed\"}")));
        }
        server.stubFor(post(urlPathEqualTo("/api/auth.test")).atPriority(100)
                .withHeader("Authorization", matching("Bearer xoxb-.+"))
                .willReturn(json(200, "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\","
                        + "\"user\":\"aleff\",\"team_id\":\"T0TEAM001\",\"user_id\":\"UBOT0001\","
                        + "\"bot_id\":\"BBOT0001\"}")));
        // A token whose secret part starts with "revoked" is one Slack no longer knows.
        server.stubFor(post(urlPathEqualTo("/api/auth.test")).atPriority(50)
                .withHeader("Authorization", matching("Bearer xoxb-revoked.*"))
                .willReturn(json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}")));
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(100)
                .withHeader("Authorization", matching("Bearer xoxb-.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"channel\":\"{{jsonPath request.body '$.channel'}}\","
                                + "\"ts\":\"1700000001.{{randomValue length=6 type='NUMERIC'}}\"}")
                        .withTransformers("response-template")));
        if (sockets != null) {
            server.stubFor(post(urlPathEqualTo("/api/apps.connections.open")).atPriority(100)
                    .willReturn(aResponse().withTransformers(ConnectionsOpenAnswers.NAME)));
        } else {
            server.stubFor(post(urlPathEqualTo("/api/apps.connections.open")).atPriority(50)
                    .withHeader("Authorization", matching("Bearer xapp-revoked.*"))
                    .willReturn(json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}")));
        }
        server.stubFor(post(urlPathEqualTo("/api/apps.connections.open")).atPriority(50)
                .withHeader("Authorization", matching("Bearer xapp-wrongtype.*"))
                .willReturn(json(200, "{\"ok\":false,\"error\":\"not_allowed_token_type\"}")));
    }

    public static SlackWebApi start() {
        return new SlackWebApi(null);
    }

    /** The Web API whose {@code apps.connections.open} hands out tickets of {@code sockets}. */
    public static SlackWebApi withSocketMode(SlackSocketModeServer sockets) {
        return new SlackWebApi(sockets);
    }

    /** How many times {@code apps.connections.open} was called with this app token, whatever it was answered. */
    public int connectionsOpens(String appToken) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/apps.connections.open"))
                .withHeader("Authorization", equalTo("Bearer " + appToken))).size();
    }

    /** The Web API base URL to configure (like {@code https://slack.com/api}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/api";
    }

    /** Every {@code auth.test} call, by its Authorization header. */
    public List<String> authTests() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/auth.test"))).stream()
                .map(r -> r.getHeader("Authorization")).toList();
    }

    /** {@code apps.connections.open} with an {@code xapp-} token answers {@code url}. */
    public void socketUrl(String url) {
        server.stubFor(post(urlPathEqualTo("/api/apps.connections.open")).atPriority(100)
                .withHeader("Authorization", matching("Bearer xapp-.+"))
                .willReturn(json(200, "{\"ok\":true,\"url\":\"" + url + "\"}")));
    }

    /** The next post to {@code channel} is answered 429 with {@code Retry-After: seconds}; later ones succeed. */
    public void rateLimitedOnce(String channel, int seconds) {
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(1).inScenario("429-" + channel)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                .willReturn(json(429, "{\"ok\":false,\"error\":\"ratelimited\"}")
                        .withHeader("Retry-After", String.valueOf(seconds))));
    }

    /** Every {@code chat.postMessage} call to {@code channel}, whatever it was answered, in arrival order. */
    public List<Call> posts(String channel) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
                .map(r -> new Call(read(r.getBodyAsString()), r.getHeader("Authorization"),
                        r.getLoggedDate().toInstant()))
                .filter(c -> c.body().path("channel").asText().equals(channel))
                .sorted(Comparator.comparing(Call::at))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A call: its JSON body, its Authorization header, when it arrived. */
    public record Call(JsonNode body, String authorization, Instant at) {

        public String text() {
            return body.path("text").asText();
        }

        /** The thread it was posted in, or null at the top level. */
        public String threadTs() {
            return body.hasNonNull("thread_ts") ? body.get("thread_ts").asText() : null;
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
