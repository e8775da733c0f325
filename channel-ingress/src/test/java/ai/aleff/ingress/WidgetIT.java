package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import ai.aleff.contracts.events.WidgetAppearance;
import ai.aleff.ingress.widget.Visitor;
import ai.aleff.ingress.widget.VisitorTokens;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.http.ServerSentEvent;

/** The web chat widget's visitor endpoints over real Kafka and PostgreSQL (docs/widget.md). */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class WidgetIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String SITE = "http://127.0.0.1:43210";
    private static final String OTHER_SITE = "http://127.0.0.1:43211";
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\":\"([^\"]+)\"");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URL baseUrl;

    @Inject
    Vertx vertx;

    @Inject
    VisitorTokens tokens;

    @Test
    void sessionAnswerCarriesTheTenantsAppearance() {
        // Given a tenant with its own title, colour, welcome text and corner, and one with the defaults
        WidgetAppearance looks = new WidgetAppearance("Shop help", "#0a7d3c", "Hi! Ask about orders.", "left");
        Events.TestTenant styled = TestTenants.registerWithWidget(bootstrap, SITE, looks);
        Events.TestTenant plain = TestTenants.registerWithWidget(bootstrap, SITE);

        // When their visitors open a session / Then each gets its tenant's appearance
        given().header("Origin", SITE).contentType(ContentType.JSON).body("{}")
                .post("/widget/v1/{t}/session", styled.tenantId())
                .then()
                .statusCode(200)
                .body("appearance.title", equalTo("Shop help"))
                .body("appearance.primaryColor", equalTo("#0a7d3c"))
                .body("appearance.welcomeMessage", equalTo("Hi! Ask about orders."))
                .body("appearance.launcherPosition", equalTo("left"));
        given().header("Origin", SITE).contentType(ContentType.JSON).body("{}")
                .post("/widget/v1/{t}/session", plain.tenantId())
                .then()
                .statusCode(200)
                .body("appearance.title", nullValue())
                .body("appearance.primaryColor", nullValue())
                .body("appearance.launcherPosition", equalTo("right"));
    }

    @Test
    void sameClientMessageIdIsAcceptedOnceWithTheSameAnswer() {
        // Given a visitor of a tenant whose widget this site may use
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, SITE);
        Session session = session(tenant.tenantId());

        // When the widget sends a message and retries it with the same clientMessageId
        Response first = send(tenant.tenantId(), session.token(), "c-1", "Do you ship to Recife?");
        Response retry = send(tenant.tenantId(), session.token(), "c-1", "Do you ship to Recife?");

        // Then both answers are the same, and the conversation holds the message once
        first.then().statusCode(202).header("Access-Control-Allow-Origin", SITE);
        retry.then().statusCode(202);
        String messageId = first.path("messageId");
        assertThat(retry.<String>path("messageId")).isEqualTo(messageId);
        assertThat(first.<String>path("conversationId")).isEqualTo(session.conversationId());
        visitor(tenant.tenantId(), session.token()).get("/widget/v1/{t}/history", tenant.tenantId())
                .then()
                .statusCode(200)
                .body("conversationId", equalTo(session.conversationId()))
                .body("messages", hasSize(1))
                .body("messages[0].messageId", equalTo(messageId))
                .body("messages[0].author", equalTo("VISITOR"))
                .body("messages[0].eventId", nullValue())
                .body("lastEventId", equalTo("0"));

        // And another visitor's same clientMessageId is another message
        Session other = session(tenant.tenantId());
        Response theirs = send(tenant.tenantId(), other.token(), "c-1", "Hello");
        theirs.then().statusCode(202);
        assertThat(theirs.<String>path("messageId")).isNotEqualTo(messageId);
    }

    @Test
    void streamResumesAfterLastEventIdWithEveryReplyOnceAndInOrderDespiteARedelivery() throws Exception {
        // Given a visitor with two replies in the conversation, and the history naming the latest one
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, SITE);
        Session session = session(tenant.tenantId());
        String messageId = send(tenant.tenantId(), session.token(), "c-1", "Hi").path("messageId");
        String r1 = UUID.randomUUID().toString();
        String r2 = UUID.randomUUID().toString();
        Events.publish(bootstrap,
                ConversationResourceIT.reply(tenant.tenantId(), session.conversationId(), r1, messageId, "One."),
                ConversationResourceIT.reply(tenant.tenantId(), session.conversationId(), r2, messageId, "Two."));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> visitor(tenant.tenantId(), session.token()).get("/widget/v1/{t}/history",
                        tenant.tenantId()).<List<String>>path("messages.messageId").contains(r2));
        List<String> eventIds = visitor(tenant.tenantId(), session.token())
                .get("/widget/v1/{t}/history", tenant.tenantId())
                .path("messages.eventId");
        String afterFirst = eventIds.get(1);

        // When the visitor reconnects after the first reply, and the first reply's record is delivered again
        // before a third reply (the marker)
        StringBuffer stream = new StringBuffer();
        HttpClient client = vertx.createHttpClient();
        try {
            HttpClientResponse response = openStream(client, tenant.tenantId(), session.token(), afterFirst, stream);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(SITE);
            await().atMost(Duration.ofSeconds(10)).until(() -> replies(stream).size() == 1);
            String r3 = UUID.randomUUID().toString();
            Events.publish(bootstrap,
                    ConversationResourceIT.reply(tenant.tenantId(), session.conversationId(), r1, messageId, "One."),
                    ConversationResourceIT.reply(tenant.tenantId(), session.conversationId(), r3, messageId,
                            "Three."));

            // Then it gets the second and third replies, once each, in order, with increasing event ids
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.toString().contains(r3));
            List<String[]> received = replies(stream);
            assertThat(received).extracting(r -> r[1]).containsExactly(r2, r3);
            assertThat(Long.parseLong(received.get(1)[0])).isGreaterThan(Long.parseLong(received.get(0)[0]));
            assertThat(Long.parseLong(received.get(0)[0])).isGreaterThan(Long.parseLong(afterFirst));

            // And a second reconnect from the last event it saw gets nothing again (a fourth reply is the marker)
            StringBuffer resumed = new StringBuffer();
            openStream(client, tenant.tenantId(), session.token(), received.get(1)[0], resumed);
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.toString().contains(":subscribed"));
            String r4 = UUID.randomUUID().toString();
            Events.publish(bootstrap,
                    ConversationResourceIT.reply(tenant.tenantId(), session.conversationId(), r4, messageId, "Four."));
            await().atMost(Duration.ofSeconds(30)).until(() -> resumed.toString().contains(r4));
            assertThat(replies(resumed)).extracting(r -> r[1]).containsExactly(r4);
        } finally {
            client.close();
        }
    }

    @Test
    void aVisitorHoldingItsLimitOfOpenStreamsGetsA429ProblemWhileAnotherVisitorStillStreams() throws Exception {
        // Given a visitor with three streams open (the default aleff.ingress.widget.max-streams-per-visitor)
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, SITE);
        Session session = session(tenant.tenantId());
        HttpClient client = vertx.createHttpClient();
        try {
            List<StringBuffer> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                StringBuffer stream = new StringBuffer();
                assertThat(openStream(client, tenant.tenantId(), session.token(), "0", stream).statusCode())
                        .isEqualTo(200);
                open.add(stream);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> open.stream().allMatch(s -> s.toString().contains(":subscribed")));

            // When it opens a fourth
            Response refused = visitor(tenant.tenantId(), session.token()).accept("text/event-stream")
                    .get("/widget/v1/{t}/stream", tenant.tenantId());

            // Then it is refused with a clear problem, and another visitor of the tenant still gets a stream
            refused.then()
                    .statusCode(429)
                    .contentType(PROBLEM_JSON)
                    .header("Retry-After", equalTo("10"))
                    .body("limit", equalTo("visitor-streams"))
                    .body("max", equalTo(3))
                    .body("detail", containsString("visitor's limit of 3 open event streams"));
            Session other = session(tenant.tenantId());
            assertThat(openStream(client, tenant.tenantId(), other.token(), "0", new StringBuffer()).statusCode())
                    .isEqualTo(200);
        } finally {
            client.close();
        }
    }

    @Test
    void aVisitorStreamEndsWithAClosedEventWhenItsTokenExpires() throws Exception {
        // Given a stream opened with a token valid for two more seconds
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, SITE);
        String token = tokens.issue(new Visitor(tenant.tenantId(), UUID.randomUUID().toString(), null,
                Instant.now().plusSeconds(2)));
        HttpClient client = vertx.createHttpClient();
        try {
            StringBuffer stream = new StringBuffer();
            java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
            HttpClientResponse response = openStream(client, tenant.tenantId(), token, "0", stream);
            response.endHandler(done -> ended.set(true));
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.toString().contains(":subscribed"));
            assertThat(ended).isFalse();

            // When the token expires / Then the stream's last event says why, and the stream ends
            await().atMost(Duration.ofSeconds(10)).until(ended::get);
            assertThat(stream.toString()).contains("event:closed").contains("\"reason\":\"TOKEN_EXPIRED\"");
        } finally {
            client.close();
        }
    }

    @Test
    void widgetScriptIsSentGzippedToBrowsersThatAcceptItWhileEventStreamsAreNotCompressed() throws Exception {
        // Given the script as built
        byte[] script;
        try (var in = WidgetIT.class.getResourceAsStream("/META-INF/resources/widget/v1/widget.js")) {
            script = in.readAllBytes();
        }
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, SITE);
        Session session = session(tenant.tenantId());
        HttpClient client = vertx.createHttpClient();
        try {
            // When a browser that accepts gzip loads it (this client does not decompress)
            java.util.concurrent.atomic.AtomicReference<String> encoding = new java.util.concurrent.atomic.AtomicReference<>();
            byte[] sent = client.request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(), "/widget/v1/widget.js")
                    .compose(request -> request.putHeader("Accept-Encoding", "gzip").send())
                    .compose(r -> {
                        encoding.set(r.getHeader("Content-Encoding"));
                        return r.body();
                    })
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)
                    .getBytes();

            // Then it is gzip, about a third of the script, and the script once unpacked
            assertThat(encoding.get()).isEqualTo("gzip");
            assertThat(sent.length).isLessThan(script.length / 2);
            try (var unpacked = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(sent))) {
                assertThat(unpacked.readAllBytes()).isEqualTo(script);
            }

            // And a visitor stream asked for with the same header is neither compressed nor held back
            StringBuffer stream = new StringBuffer();
            HttpClientResponse events = client.request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(),
                    "/widget/v1/" + tenant.tenantId() + "/stream")
                    .compose(request -> request.putHeader("Authorization", "Bearer " + session.token())
                            .putHeader("Origin", SITE)
                            .putHeader("Accept", "text/event-stream")
                            .putHeader("Accept-Encoding", "gzip")
                            .send()
                            .map(r -> r.handler(buffer -> stream.append(buffer.toString()))))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(events.getHeader("Content-Encoding")).isIn(null, "identity");
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.toString().contains(":subscribed"));
        } finally {
            client.close();
        }
    }

    @Test
    void forgedForeignOrExpiredVisitorTokensAreRefused() {
        // Given a real token, the same with its signature changed, one for another tenant, and an expired one
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, SITE);
        Events.TestTenant other = TestTenants.registerWithWidget(bootstrap, SITE);
        String token = session(tenant.tenantId()).token();
        char last = token.charAt(token.length() - 1);
        // The last character's spare bits: the same signature bytes spelled differently are refused too
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        int middle = token.lastIndexOf('.') + 10;
        String forged = token.substring(0, middle) + (token.charAt(middle) == 'x' ? 'y' : 'x')
                + token.substring(middle + 1);
        String foreign = session(other.tenantId()).token();
        String expired = tokens.issue(new Visitor(tenant.tenantId(), UUID.randomUUID().toString(), null,
                Instant.now().minusSeconds(1)));

        // When / Then every visitor endpoint answers 401 problem+json
        for (String bad : List.of(respelled, forged, foreign, expired, "not-a-token")) {
            send(tenant.tenantId(), bad, "c-1", "Hi").then().statusCode(401).contentType(PROBLEM_JSON);
            visitor(tenant.tenantId(), bad).get("/widget/v1/{t}/history", tenant.tenantId())
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM_JSON);
            visitor(tenant.tenantId(), bad).accept("text/event-stream")
                    .get("/widget/v1/{t}/stream", tenant.tenantId())
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM_JSON);
        }
        given().header("Origin", SITE)
                .get("/widget/v1/{t}/history", tenant.tenantId())
                .then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void anotherOriginGetsA403AndNothingElse() {
        // Given a tenant whose widget only SITE may use, and a valid visitor token
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, SITE);
        String token = session(tenant.tenantId()).token();

        // When / Then a page of another origin, or a request without Origin, gets 403 and no CORS grant
        for (RequestSpecification request : List.of(given().header("Origin", OTHER_SITE), given())) {
            request.contentType(ContentType.JSON)
                    .auth()
                    .oauth2(token)
                    .body("{\"clientMessageId\":\"c-9\",\"text\":\"Hi\"}")
                    .post("/widget/v1/{t}/messages", tenant.tenantId())
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM_JSON)
                    .header("Access-Control-Allow-Origin", nullValue());
        }
        given().header("Origin", OTHER_SITE)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/widget/v1/{t}/session", tenant.tenantId())
                .then()
                .statusCode(403)
                .contentType(PROBLEM_JSON);
        given().header("Origin", OTHER_SITE)
                .header("Access-Control-Request-Method", "POST")
                .options("/widget/v1/{t}/messages", tenant.tenantId())
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        // An unknown tenant looks the same as a disallowed origin
        given().header("Origin", SITE)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/widget/v1/{t}/session", "t-" + UUID.randomUUID())
                .then()
                .statusCode(403)
                .contentType(PROBLEM_JSON);
        // And the allowed origin's preflight is answered
        given().header("Origin", SITE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/widget/v1/{t}/messages", tenant.tenantId())
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", SITE)
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID");
        // The script itself is for any page
        given().header("Origin", OTHER_SITE)
                .get("/widget/v1/widget.js")
                .then()
                .statusCode(200)
                .body(containsString("window.AleffChat = Object.freeze"));
    }

    @Test
    void demoPageEmbedsTheWidgetAndItsSameOriginReadsCountAsThisServersOrigin() {
        // Given a tenant that allows this server's own origin (as ./aleff run does for the demo page)
        String self = "http://" + baseUrl.getHost() + ":" + baseUrl.getPort();
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, self);
        String token = given().header("Origin", self)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/widget/v1/{t}/session", tenant.tenantId())
                .path("token");

        // When / Then the demo page embeds the script for the tenant
        given().get("/demo/{t}", tenant.tenantId())
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("<script src=\"/widget/v1/widget.js\" data-tenant=\"" + tenant.tenantId()));
        // And a same-origin GET, which browsers send without Origin, is this server's origin
        given().header("Sec-Fetch-Site", "same-origin")
                .auth()
                .oauth2(token)
                .get("/widget/v1/{t}/history", tenant.tenantId())
                .then()
                .statusCode(200);
        // But a cross-site request without Origin is not
        given().header("Sec-Fetch-Site", "cross-site")
                .auth()
                .oauth2(token)
                .get("/widget/v1/{t}/history", tenant.tenantId())
                .then()
                .statusCode(403)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void malformedRequestsAreBadRequestsNeverServerErrors() {
        // Given a visitor
        Events.TestTenant tenant = TestTenants.registerWithWidget(bootstrap, SITE);
        String token = session(tenant.tenantId()).token();

        // When / Then
        for (String body : List.of("{not json", "{\"text\":\"no id\"}", "{\"clientMessageId\":\"c\",\"text\":\" \"}",
                "{\"clientMessageId\":\"c\",\"text\":\"x\",\"text\":\"twice\"}", "[]", "")) {
            visitor(tenant.tenantId(), token).contentType(ContentType.JSON)
                    .body(body)
                    .post("/widget/v1/{t}/messages", tenant.tenantId())
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM_JSON);
        }
        given().header("Origin", SITE)
                .contentType(ContentType.JSON)
                .body("{\"userId\":\"user-1\"}")
                .post("/widget/v1/{t}/session", tenant.tenantId())
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON);
        visitor(tenant.tenantId(), token).accept("text/event-stream")
                .queryParam("lastEventId", "yesterday")
                .get("/widget/v1/{t}/stream", tenant.tenantId())
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    private record Session(String token, String conversationId) {
    }

    private static Session session(String tenantId) {
        Response response = given().header("Origin", SITE)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/widget/v1/{t}/session", tenantId);
        response.then().statusCode(200).body("verified", equalTo(false));
        return new Session(response.path("token"), response.path("conversationId"));
    }

    private static RequestSpecification visitor(String tenantId, String token) {
        return given().header("Origin", SITE).auth().oauth2(token);
    }

    private static Response send(String tenantId, String token, String clientMessageId, String text) {
        return visitor(tenantId, token).contentType(ContentType.JSON)
                .body("{\"clientMessageId\":\"" + clientMessageId + "\",\"text\":\"" + text + "\"}")
                .post("/widget/v1/{t}/messages", tenantId);
    }

    private HttpClientResponse openStream(HttpClient client, String tenantId, String token, String lastEventId,
            StringBuffer stream) throws Exception {
        return client.request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(),
                "/widget/v1/" + tenantId + "/stream")
                .compose(request -> request.putHeader("Authorization", "Bearer " + token)
                        .putHeader("Origin", SITE)
                        .putHeader("Last-Event-ID", lastEventId)
                        .putHeader("Accept", "text/event-stream")
                        .send()
                        .map(r -> r.handler(buffer -> stream.append(buffer.toString()))))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Event id and message id of each reply event so far. */
    private static List<String[]> replies(StringBuffer stream) {
        return ServerSentEvent.named(stream, "reply").stream().map(event -> {
            Matcher messageId = MESSAGE_ID.matcher(event.data());
            return new String[]{event.id(), messageId.find() ? messageId.group(1) : ""};
        }).toList();
    }
}
