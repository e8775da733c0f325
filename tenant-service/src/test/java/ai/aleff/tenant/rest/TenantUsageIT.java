package ai.aleff.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

/** A tenant's administrators read its usage per day and model, built from the workers' UsageRecorded events. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(PostgresResource.class)
class TenantUsageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    Pool pool;

    @Test
    void usageIsSummedPerDayAndModelCountedOncePerEventAndMessagesAreDistinctUserMessages() {
        // Given a tenant with a daily quota, and another tenant
        String tenant = newTenant();
        String other = newTenant();
        AdminApi.admin().contentType(ContentType.JSON).body("{\"tokensPerDay\": 100000}")
                .put("/v1/tenants/{id}/limits", tenant).then().statusCode(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant now = Instant.now();
        Instant yesterday = now.minus(Duration.ofDays(1));

        // When the workers report: two calls of one message and one of another on gpt today, a subagent's call
        // (no message), one call on claude yesterday, the first event again (a redelivery), and the other tenant's
        UsageRecorded first = usage(tenant, "m-1", "openai", "gpt", 100, 10, "0.0010", now);
        Events.publish(bootstrap, event(first), event(usage(tenant, "m-1", "openai", "gpt", 200, 20, "0.0020", now)),
                event(usage(tenant, "m-2", "openai", "gpt", 300, 30, "0.0030", now)),
                event(usage(tenant, null, "openai", "gpt", 50, 5, "0.0005", now)),
                event(usage(tenant, "m-0", "anthropic", "claude", 1000, 100, "0.0100", yesterday)), event(first),
                event(usage(other, "m-9", "openai", "gpt", 9999, 999, "9.9", now)));
        // And, behind them on the tenant's partition, a marker call on a model of its own
        Events.publish(bootstrap, event(usage(tenant, "m-3", "openai", "marker", 1, 1, "0", now)));

        // Then the report has one line per day and model, the redelivered event counted once
        await().atMost(WAIT).until(() -> report(RealmUsers.token(RealmUsers.tenantAdmin(tenant)), tenant, "")
                .getList("days.findAll { it.model == 'marker' }").size() == 1);
        JsonPath report = report(RealmUsers.token(RealmUsers.tenantAdmin(tenant)), tenant, "");
        String gpt = "days.find { it.model == 'gpt' }.";
        given().auth().oauth2(RealmUsers.token(RealmUsers.tenantAdmin(tenant))).get("/v1/tenants/{id}/usage", tenant)
                .then().statusCode(200)
                .body("from", equalTo(today.minusDays(29).toString()), "to", equalTo(today.toString()),
                        "days", hasSize(3),
                        "days[0].day", equalTo(today.minusDays(1).toString()), "days[0].model", equalTo("claude"),
                        "days[0].messages", equalTo(1), "days[0].inputTokens", equalTo(1000),
                        gpt + "day", equalTo(today.toString()), gpt + "provider", equalTo("openai"),
                        gpt + "messages", equalTo(2), gpt + "calls", equalTo(4), gpt + "inputTokens", equalTo(650),
                        gpt + "outputTokens", equalTo(65), gpt + "estimatedCost", equalTo(0.0065f),
                        gpt + "currency", equalTo("USD"),
                        // And today's tokens against the quota; no monthly quota
                        "quotas.tokensToday", equalTo(717), "quotas.tokensPerDay", equalTo(100000),
                        "quotas.tokensPerMonth", nullValue());
        // (this month: today's plus yesterday's when yesterday was in this month)
        long month = 717 + (yesterday.atOffset(ZoneOffset.UTC).getMonth() == today.getMonth() ? 1100 : 0);
        assertThat(report.getLong("quotas.tokensThisMonth")).as(report.prettify()).isEqualTo(month);

        // And a range of yesterday only shows yesterday; the other tenant's usage never shows
        given().auth().oauth2(RealmUsers.token(RealmUsers.tenantAdmin(tenant)))
                .get("/v1/tenants/" + tenant + "/usage?from=" + today.minusDays(1) + "&to=" + today.minusDays(1))
                .then().statusCode(200).body("days", hasSize(1), "days[0].model", equalTo("claude"));
        given().auth().oauth2(RealmUsers.token(RealmUsers.tenantAdmin(tenant))).get("/v1/tenants/{id}/usage", tenant)
                .then().body(org.hamcrest.Matchers.not(containsString("9999")));
    }

    @Test
    void aDeletedTenantsUsageIsErased() {
        // Given a tenant whose usage is stored
        String tenant = newTenant();
        Events.publish(bootstrap, event(usage(tenant, "m-1", "openai", "gpt", 5, 5, "0", Instant.now())));
        await().atMost(WAIT).until(() -> report(AdminApi.token(), tenant, "").getList("days").size() == 1);

        // When the tenant is deleted
        AdminApi.admin().delete("/v1/tenants/{id}", tenant).then().statusCode(204);

        // Then none of its usage rows is left, and its usage is no longer served
        long left = RowScope.acrossTenants(pool, c -> c.preparedQuery("SELECT count(*) FROM tenant.model_usage "
                + "WHERE tenant_id = $1").execute(Tuple.of(UUID.fromString(tenant)))).await().atMost(WAIT)
                .iterator().next().getLong(0);
        assertThat(left).isZero();
        given().auth().oauth2(AdminApi.token()).get("/v1/tenants/{id}/usage", tenant).then().statusCode(404);
    }

    @Test
    void aMalformedUsageEventIsSetAsideAndTheNextIsStored() {
        // Given a tenant
        String tenant = newTenant();

        // When a record that is no event, and one with negative tokens, precede a valid one on its partition
        Events.send(bootstrap, List.of(new ProducerRecord<>(Topics.USAGE, tenant + "/c-1",
                "{not json".getBytes(StandardCharsets.UTF_8))));
        Events.publish(bootstrap, event(usage(tenant, "m-1", "openai", "bad", -5, 1, "0", Instant.now())),
                event(usage(tenant, "m-2", "openai", "good", 7, 3, "0", Instant.now())));

        // Then the valid one is stored and the negative one is not
        await().atMost(WAIT).until(() -> report(AdminApi.token(), tenant, "").getList("days").size() == 1);
        given().auth().oauth2(AdminApi.token()).get("/v1/tenants/{id}/usage", tenant).then()
                .body("days[0].model", equalTo("good"), "quotas.tokensToday", equalTo(10));
    }

    @Test
    void onlyTheTenantsAdministratorsAndPlatformAdministratorsReadItsUsage() {
        // Given a tenant, its administrator and member, and another tenant's administrator
        String tenant = newTenant();
        String other = newTenant();

        // Then the tenant's administrator and the platform administrator read it
        given().auth().oauth2(RealmUsers.token(RealmUsers.tenantAdmin(tenant))).get("/v1/tenants/{id}/usage", tenant)
                .then().statusCode(200).body("days", hasSize(0));
        given().auth().oauth2(AdminApi.token()).get("/v1/tenants/{id}/usage", tenant).then().statusCode(200);
        // And a member, another tenant's administrator and an anonymous caller do not
        given().auth().oauth2(RealmUsers.token(RealmUsers.tenantMember(tenant))).get("/v1/tenants/{id}/usage", tenant)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(RealmUsers.token(RealmUsers.tenantAdmin(other))).get("/v1/tenants/{id}/usage", tenant)
                .then().statusCode(403).contentType(PROBLEM);
        given().get("/v1/tenants/{id}/usage", tenant).then().statusCode(401).contentType(PROBLEM);
        // And an unknown or deleted tenant is 404
        given().auth().oauth2(AdminApi.token()).get("/v1/tenants/{id}/usage", UUID.randomUUID()).then()
                .statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badRangesAreRefusedWithAProblem() {
        // Given a tenant
        String tenant = newTenant();

        // Then a malformed date, a reversed range, a range over 366 days and a hostile value are 400 problem+json
        for (String query : List.of("from=yesterday", "to=2026-13-01", "from=2026-12-02&to=2026-12-01",
                "from=2024-01-01&to=2026-01-01", "from=%27%3B%20DROP%20TABLE%20tenants%3B--")) {
            given().auth().oauth2(AdminApi.token()).urlEncodingEnabled(false)
                    .get("/v1/tenants/" + tenant + "/usage?" + query).then().statusCode(400).contentType(PROBLEM)
                    .body("status", equalTo(400));
        }
        // And a range of exactly 366 days is answered
        given().auth().oauth2(AdminApi.token()).get("/v1/tenants/{id}/usage?from=2025-01-01&to=2026-01-01", tenant)
                .then().statusCode(200);
    }

    private static UsageRecorded usage(String tenant, String messageId, String provider, String model, long in,
            long out, String cost, Instant at) {
        return new UsageRecorded(UUID.randomUUID().toString(), tenant, "c-1", "turn-" + UUID.randomUUID(), provider,
                model, in, out, new BigDecimal(cost), "USD", at, messageId);
    }

    private static CloudEvent<UsageRecorded> event(UsageRecorded usage) {
        return CloudEvent.of("agent-worker", usage.usageId(), usage.tenantId(), usage.conversationId(),
                usage.recordedAt(), usage);
    }

    private static JsonPath report(String token, String tenant, String query) {
        return given().auth().oauth2(token).get("/v1/tenants/" + tenant + "/usage" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String newTenant() {
        return AdminApi.createTenant("{\"name\": \"Usage " + UUID.randomUUID() + "\"}").statusCode(201).extract()
                .path("id");
    }
}
