package ai.aleff.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class AuditResourceIT {

    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private Events.TestTenant tenant;
    private String conversation;

    @BeforeEach
    void newTenant() {
        tenant = known(Events.newTenant(kafka));
        conversation = "conv-" + UUID.randomUUID();
    }

    @Test
    void publishedRecordsAreStoredAndListedInOrder() {
        // Given three records of one conversation published out of time order
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        AuditRecord third = record(tenant, conversation, "reply.ready", t0.plusSeconds(2));
        AuditRecord first = record(tenant, conversation, "message.accepted", t0);
        AuditRecord second = record(tenant, conversation, "tool.completed", t0.plusSeconds(1));
        // When they are consumed
        Events.publish(kafka, event(third), event(first), event(second));
        // Then the conversation lists them oldest first, with every field
        Response response = awaitRecords(tenant, conversation, 3);
        assertThat(response.jsonPath().getList("records.action"))
                .containsExactly("message.accepted", "tool.completed", "reply.ready");
        assertThat(response.jsonPath().getString("conversationId")).isEqualTo(conversation);
        assertThat(response.jsonPath().getString("records[0].recordId")).isEqualTo(first.recordId());
        assertThat(response.jsonPath().getString("records[0].service")).isEqualTo("agent-worker");
        assertThat(response.jsonPath().getString("records[0].subjectId")).isEqualTo(first.subjectId());
        assertThat(response.jsonPath().getString("records[0].detail")).isEqualTo(first.detail());
        assertThat(Instant.parse(response.jsonPath().getString("records[0].occurredAt"))).isEqualTo(t0);
        // And a limit returns only the oldest ones
        given().auth().oauth2(tenant.apiKey()).queryParam("conversationId", conversation).queryParam("limit", 2)
                .get("/v1/audit").then().statusCode(200)
                .body("records.recordId", equalTo(List.of(first.recordId(), second.recordId())));
    }

    @Test
    void sameTimeRecordsAreOrderedByRecordId() {
        // Given two records with the same occurredAt
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        AuditRecord b = new AuditRecord("b-" + UUID.randomUUID(), tenant.tenantId(), conversation, "svc", "x", "s",
                "d", t);
        AuditRecord a = new AuditRecord("a-" + UUID.randomUUID(), tenant.tenantId(), conversation, "svc", "y", "s",
                "d", t);
        // When published in reverse id order
        Events.publish(kafka, event(b), event(a));
        // Then they are listed by record id
        assertThat(awaitRecords(tenant, conversation, 2).jsonPath().getList("records.recordId"))
                .containsExactly(a.recordId(), b.recordId());
    }

    @Test
    void aRedeliveredRecordIsStoredOnce() {
        // Given a record delivered twice, then a later record
        AuditRecord record = record(tenant, conversation, "message.accepted", Instant.now().minusSeconds(5));
        AuditRecord later = record(tenant, conversation, "reply.ready", Instant.now());
        Events.publish(kafka, event(record), event(record));
        Events.publish(kafka, event(later));
        // When the later one is visible (so the duplicate was processed before it on the same partition)
        Response response = awaitRecords(tenant, conversation, 2);
        // Then the duplicate appears once
        assertThat(response.jsonPath().getList("records.recordId")).containsExactly(record.recordId(),
                later.recordId());
    }

    @Test
    void anotherTenantCannotSeeTheRecordsEvenWithTheConversationId() {
        // Given tenant A's records and tenant B's own record in a conversation with the same id
        Events.TestTenant other = known(Events.newTenant(kafka));
        AuditRecord mine = record(tenant, conversation, "message.accepted", Instant.now().minusSeconds(1));
        AuditRecord theirs = record(other, conversation, "message.accepted", Instant.now());
        Events.publish(kafka, event(mine), event(theirs));
        awaitRecords(tenant, conversation, 1);
        awaitRecords(other, conversation, 1);
        // When each tenant lists the conversation, Then each sees only its own record
        given().auth().oauth2(tenant.apiKey()).queryParam("conversationId", conversation).get("/v1/audit").then()
                .statusCode(200).body("records.recordId", equalTo(List.of(mine.recordId())));
        given().auth().oauth2(other.apiKey()).queryParam("conversationId", conversation).get("/v1/audit").then()
                .statusCode(200).body("records.recordId", equalTo(List.of(theirs.recordId())));
        // And a conversation only another tenant has is simply empty
        String onlyMine = "conv-" + UUID.randomUUID();
        Events.publish(kafka, event(record(tenant, onlyMine, "message.accepted", Instant.now())));
        awaitRecords(tenant, onlyMine, 1);
        given().auth().oauth2(other.apiKey()).queryParam("conversationId", onlyMine).get("/v1/audit").then()
                .statusCode(200).body("conversationId", equalTo(onlyMine)).body("records", hasSize(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "abc", "", "1.5", "99999999999"})
    void invalidLimitIsABadRequest(String limit) {
        // Given a limit outside 1..1000, When listing, Then 400 problem+json
        given().auth().oauth2(tenant.apiKey()).queryParam("conversationId", conversation).queryParam("limit", limit)
                .get("/v1/audit").then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400))
                .body("detail", equalTo("Query parameter 'limit' must be a whole number from 1 to 1000."));
    }

    @Test
    void limitBoundsAreAccepted() {
        // Given the extreme valid limits, When listing, Then 200
        for (String limit : List.of("1", "1000")) {
            given().auth().oauth2(tenant.apiKey()).queryParam("conversationId", conversation)
                    .queryParam("limit", limit).get("/v1/audit").then().statusCode(200);
        }
    }

    @Test
    void missingBlankOrOversizedConversationIdIsABadRequest() {
        // Given no conversationId, When listing, Then 400 problem+json
        given().auth().oauth2(tenant.apiKey()).get("/v1/audit").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("Query parameter 'conversationId' is required."));
        // Given a blank one, Then 400
        given().auth().oauth2(tenant.apiKey()).queryParam("conversationId", "  ").get("/v1/audit").then()
                .statusCode(400).contentType(PROBLEM);
        // Given 128 characters, Then fine; 129, Then 400
        given().auth().oauth2(tenant.apiKey()).queryParam("conversationId", "c".repeat(128)).get("/v1/audit").then()
                .statusCode(200);
        given().auth().oauth2(tenant.apiKey()).queryParam("conversationId", "c".repeat(129)).get("/v1/audit").then()
                .statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("Query parameter 'conversationId' must be at most 128 characters."));
    }

    @Test
    void missingOrUnknownApiKeyIsUnauthorized() {
        // Given no key, a malformed key, an unknown key, When listing, Then 401 problem+json
        given().queryParam("conversationId", conversation).get("/v1/audit").then().statusCode(401)
                .contentType(PROBLEM);
        given().header("Authorization", "Basic abc").queryParam("conversationId", conversation).get("/v1/audit")
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("ak_unknown").queryParam("conversationId", conversation).get("/v1/audit").then()
                .statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("x".repeat(10_000)).queryParam("conversationId", conversation).get("/v1/audit").then()
                .statusCode(401).contentType(PROBLEM);
    }

    @Test
    void otherMethodsAndPathsAreProblems() {
        // Given the read-only API, When deleting or posting, Then 405 problem+json and nothing changes
        given().auth().oauth2(tenant.apiKey()).queryParam("conversationId", conversation).delete("/v1/audit").then()
                .statusCode(405).contentType(PROBLEM);
        given().auth().oauth2(tenant.apiKey()).contentType("application/json").body("{").post("/v1/audit").then()
                .statusCode(405).contentType(PROBLEM);
    }

    @Test
    void openApiDocumentDescribesTheEndpoint() {
        // Given the service, When its OpenAPI document is fetched, Then it lists the audit query
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/audit'.get.parameters.name", equalTo(List.of("conversationId", "limit")));
    }

    /** Waits until the tenant directory knows the tenant, so a 401 later means a real refusal. */
    private static Events.TestTenant known(Events.TestTenant tenant) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(tenant.apiKey())
                .queryParam("conversationId", "probe").get("/v1/audit").statusCode() == 200);
        return tenant;
    }

    static Response awaitRecords(Events.TestTenant tenant, String conversation, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(tenant.apiKey())
                .queryParam("conversationId", conversation).get("/v1/audit"),
                r -> r.statusCode() == 200 && r.jsonPath().getList("records").size() >= count);
    }

    static AuditRecord record(Events.TestTenant tenant, String conversation, String action, Instant at) {
        return new AuditRecord(UUID.randomUUID().toString(), tenant.tenantId(), conversation, "agent-worker", action,
                "msg-" + UUID.randomUUID(), action + " detail", at);
    }

    static CloudEvent<AuditRecord> event(AuditRecord record) {
        return CloudEvent.of(record.service(), record.recordId(), record.tenantId(), record.conversationId(),
                record.occurredAt(), record);
    }
}
