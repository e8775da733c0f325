package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantConfigurationChanged.Status;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/**
 * Tenant API keys as a Quarkus Security mechanism: revoked, expired and unknown keys are 401, a disabled tenant's
 * keys 403, within seconds of the configuration event, and open event streams are closed for the same reasons.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ApiKeyEnforcementIT {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URL baseUrl;

    @Inject
    Vertx vertx;

    /** A tenant as tenant-service would publish it, version by version. */
    private final class Tenant {
        final String id = "t-" + UUID.randomUUID();
        final String first = ApiKeys.generate();
        final String second = ApiKeys.generate();
        long version;

        Tenant publish(Status status, List<String> keys, Map<String, Instant> expiries) {
            version++;
            Events.publish(bootstrap, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), id, null,
                    Instant.now(), new TenantConfigurationChanged(id, "Tenant " + id, status,
                            keys.stream().map(ApiKeys::hash).toList(), version, Instant.now(), null, expiries)));
            return this;
        }
    }

    private Tenant activeWithTwoKeys() {
        Tenant tenant = new Tenant();
        tenant.publish(Status.ACTIVE, List.of(tenant.first, tenant.second), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant.first) == 404 && status(tenant.second) == 404);
        return tenant;
    }

    @Test
    void aRevokedKeyIsRefusedWithinSecondsWhileTheTenantsOtherKeyWorks() {
        // Given a tenant with two working keys
        Tenant tenant = activeWithTwoKeys();

        // When its configuration no longer lists the first
        tenant.publish(Status.ACTIVE, List.of(tenant.second), Map.of());

        // Then the first is a 401 problem within seconds, on every endpoint, and the second still works
        await().atMost(WITHIN_SECONDS).until(() -> status(tenant.first) == 401);
        given().auth().oauth2(tenant.first).get("/v1/conversations/{id}/messages", TestTenants.newConversationId())
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(tenant.first).contentType(ContentType.JSON)
                .body(TestTenants.message(TestTenants.newConversationId(), "hi", null)).post("/v1/messages").then()
                .statusCode(401).contentType(PROBLEM);
        MessagesResourceIT.accept(new Events.TestTenant(tenant.id, tenant.second),
                TestTenants.message(TestTenants.newConversationId(), "still here", null));
    }

    @Test
    void aDisabledTenantsKeysAre403UntilItIsEnabledAgain() {
        // Given a tenant with working keys
        Tenant tenant = activeWithTwoKeys();

        // When it is disabled
        tenant.publish(Status.DISABLED, List.of(tenant.first, tenant.second), Map.of());

        // Then its keys are refused with 403 within seconds, messages included
        await().atMost(WITHIN_SECONDS).until(() -> status(tenant.first) == 403);
        given().auth().oauth2(tenant.second).contentType(ContentType.JSON)
                .body(TestTenants.message(TestTenants.newConversationId(), "hi", null)).post("/v1/messages").then()
                .statusCode(403).contentType(PROBLEM).body("status", equalTo(403));

        // And once enabled again they work
        tenant.publish(Status.ACTIVE, List.of(tenant.first, tenant.second), Map.of());
        await().atMost(WITHIN_SECONDS).until(() -> status(tenant.first) == 404);
    }

    @Test
    void aDeletedTenantsKeysAre401() {
        Tenant tenant = activeWithTwoKeys();
        tenant.publish(Status.DELETED, List.of(), Map.of());
        await().atMost(WITHIN_SECONDS).until(() -> status(tenant.first) == 401 && status(tenant.second) == 401);
    }

    @Test
    void anOldKeyInARotationIsRefusedFromItsExpiryWithoutAnotherEvent() {
        // Given a tenant whose first key was rotated with an overlap ending in a few seconds
        Tenant tenant = activeWithTwoKeys();
        Instant expiry = Instant.now().plusSeconds(8);
        tenant.publish(Status.ACTIVE, List.of(tenant.first, tenant.second), Map.of(ApiKeys.hash(tenant.first),
                expiry));

        // Then the old key still works during the overlap
        assertThat(status(tenant.first)).isEqualTo(404);
        assertThat(Instant.now()).isBefore(expiry);

        // And from its expiry it is refused, though nothing else was published; the new key goes on working
        await().atMost(WITHIN_SECONDS).until(() -> status(tenant.first) == 401);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        assertThat(status(tenant.second)).isEqualTo(404);
    }

    @Test
    void missingMalformedAndForeignCredentialsAre401ProblemsBeforeTheBodyIsRead() {
        for (String header : new String[]{null, "Bearer ", "Bearer ak_", "Basic " + ApiKeys.generate(),
                ApiKeys.generate(), "Bearer not-a-key", "Bearer ak_" + "x".repeat(300),
                "Bearer " + ApiKeys.generate()}) {
            var request = header == null ? given() : given().header("Authorization", header);
            request.contentType(ContentType.JSON).body("{oops").post("/v1/messages").then().statusCode(401)
                    .contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
            (header == null ? given() : given().header("Authorization", header))
                    .get("/v1/conversations/{id}/events", TestTenants.newConversationId()).then().statusCode(401)
                    .contentType(PROBLEM);
        }
    }

    @Test
    void anOpenStreamIsClosedWhenItsKeyIsRevokedAndAStreamOfAnotherKeyStaysOpen() throws Exception {
        // Given two open streams of one tenant, one per key
        Tenant tenant = activeWithTwoKeys();
        String conversation = TestTenants.newConversationId();
        Stream revoked = open(tenant.first, conversation);
        Stream kept = open(tenant.second, conversation);

        // When the first key is revoked
        tenant.publish(Status.ACTIVE, List.of(tenant.second), Map.of());

        // Then its stream ends within seconds with a 'closed' event naming why
        revoked.ended.get(WITHIN_SECONDS.toSeconds(), TimeUnit.SECONDS);
        assertThat(revoked.text()).contains("event:closed").contains("CREDENTIALS_REVOKED");

        // And the other stream still delivers a reply published afterwards (the marker)
        String replyId = UUID.randomUUID().toString();
        Events.publish(bootstrap, ConversationResourceIT.reply(tenant.id, conversation, replyId, "m-1", "after"));
        await().atMost(Duration.ofSeconds(30)).until(() -> kept.text().contains(replyId));
        assertThat(kept.ended).isNotDone();
        assertThat(revoked.text()).doesNotContain(replyId);
        kept.client.close();
    }

    @Test
    void anOpenStreamIsClosedWhenItsTenantIsDisabled() throws Exception {
        Tenant tenant = activeWithTwoKeys();
        Stream stream = open(tenant.first, TestTenants.newConversationId());

        tenant.publish(Status.DISABLED, List.of(tenant.first, tenant.second), Map.of());

        stream.ended.get(WITHIN_SECONDS.toSeconds(), TimeUnit.SECONDS);
        assertThat(stream.text()).contains("event:closed").contains("TENANT_DISABLED");
    }

    @Test
    void anOpenStreamIsClosedWhenItsKeyExpires() throws Exception {
        // Given a stream opened with a key whose overlap window ends in a few seconds
        Tenant tenant = activeWithTwoKeys();
        Instant expiry = Instant.now().plusSeconds(8);
        tenant.publish(Status.ACTIVE, List.of(tenant.first, tenant.second), Map.of(ApiKeys.hash(tenant.first),
                expiry));
        Stream stream = open(tenant.first, TestTenants.newConversationId());

        // Then it ends at the expiry, with nothing else published
        stream.ended.get(20, TimeUnit.SECONDS);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        assertThat(stream.text()).contains("CREDENTIALS_REVOKED");
    }

    @Test
    void openApiNamesEveryOperationAndDocumentsTheRefusals() {
        var doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getString("paths.'/v1/messages'.post.operationId")).isEqualTo("sendMessage");
        assertThat(doc.getString("paths.'/v1/conversations/{conversationId}/messages'.get.operationId"))
                .isEqualTo("listConversationMessages");
        assertThat(doc.getString("paths.'/v1/conversations/{conversationId}/events'.get.operationId"))
                .isEqualTo("streamConversationReplies");
        assertThat(doc.getString("paths.'/v1/messages'.post.responses.'403'.description")).contains("disabled");
        assertThat(doc.getString("paths.'/v1/conversations/{conversationId}/events'.get.responses.'401'.description"))
                .contains("revoked");
    }

    /** An open SSE connection: what it received, and whether the server ended it. */
    private record Stream(HttpClient client, StringBuffer received, CompletableFuture<Void> ended) {
        String text() {
            return received.toString();
        }
    }

    private Stream open(String apiKey, String conversationId) throws Exception {
        StringBuffer received = new StringBuffer();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        HttpClient client = vertx.createHttpClient();
        HttpClientResponse response = client
                .request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(),
                        "/v1/conversations/" + conversationId + "/events")
                .compose(request -> request.putHeader("Authorization", "Bearer " + apiKey)
                        .putHeader("Accept", "text/event-stream")
                        .send()
                        .map(r -> r.handler(buffer -> received.append(buffer.toString()))
                                .endHandler(v -> ended.complete(null))))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.toString().contains(":subscribed"));
        return new Stream(client, received, ended);
    }

    private static int status(String apiKey) {
        return given().auth().oauth2(apiKey).get("/v1/conversations/{id}/messages", TestTenants.newConversationId())
                .statusCode();
    }
}
