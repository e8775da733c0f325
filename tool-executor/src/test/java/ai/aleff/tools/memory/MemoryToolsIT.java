package ai.aleff.tools.memory;

import static ai.aleff.tools.testing.ToolRequests.awaitResult;
import static ai.aleff.tools.testing.ToolRequests.event;
import static ai.aleff.tools.testing.ToolRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallCompleted.Status;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.database.RowScope;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** remember, recall and forget over Kafka against a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class MemoryToolsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Pool pool;

    private EventProbe results;
    private final String tenant = "t-" + UUID.randomUUID();

    @BeforeEach
    void openProbe() {
        results = EventProbe.open(kafka, Topics.TOOL_RESULTS);
    }

    @AfterEach
    void closeProbe() {
        results.close();
    }

    @Test
    void rememberedFactsAreRecalledByTheirWordsAndListedNewestFirstWithoutAQuery() {
        // Given two remembered facts
        ToolCallCompleted tea = call(tenant, "ana", "remember", "{\"fact\":\"Prefers green tea in the morning\"}");
        ToolCallCompleted city = call(tenant, "ana", "remember", "{\"fact\":\"Lives in Lisbon\"}");
        assertThat(tea.status()).isEqualTo(Status.OK);
        assertThat(tea.result()).matches("Remembered \\[\\d+\\]: Prefers green tea in the morning");
        // When recalled by a word, and without a query
        String byWord = ok(call(tenant, "ana", "recall", "{\"query\":\"what TEA does she like?\"}"));
        String all = ok(call(tenant, "ana", "recall", "{}"));
        // Then the query finds only the matching fact, with its id; no query lists both, newest first
        assertThat(byWord).contains("Prefers green tea in the morning", "[" + id(tea) + "]")
                .doesNotContain("Lisbon");
        assertThat(all).contains("(2 facts)");
        assertThat(all.indexOf("Lives in Lisbon")).isLessThan(all.indexOf("Prefers green tea"));
        assertThat(city.result()).contains("[" + id(city) + "]");
    }

    @Test
    void anIdenticalFactIsStoredOnce() {
        // Given a remembered fact
        ToolCallCompleted first = call(tenant, "bo", "remember", "{\"fact\":\"Allergic to peanuts\"}");
        // When the same fact comes again with other case and spacing
        ToolCallCompleted again = call(tenant, "bo", "remember", "{\"fact\":\"  allergic to\\n PEANUTS \"}");
        // Then it is not stored twice: the answer names the existing fact
        assertThat(again.result()).isEqualTo("Already remembered as [" + id(first) + "]: Allergic to peanuts");
        assertThat(factCount(tenant, "bo")).isEqualTo(1);
    }

    @Test
    void memoryIsNeverVisibleAcrossUsersOrTenants() {
        // Given a fact of user ana in this tenant
        ToolCallCompleted secret = call(tenant, "ana", "remember", "{\"fact\":\"Secret code is 4711\"}");
        String otherTenant = "t-" + UUID.randomUUID();
        // When another user of the tenant, and the same user id in another tenant, recall, search and forget
        String otherUser = ok(call(tenant, "bruno", "recall", "{\"query\":\"secret code 4711\"}"));
        String otherTenantAll = ok(call(otherTenant, "ana", "recall", "{}"));
        String forgetById = ok(call(otherTenant, "ana", "forget", "{\"id\":\"" + id(secret) + "\"}"));
        String forgetAll = ok(call(tenant, "bruno", "forget", "{\"all\":true}"));
        // Then none of them sees or deletes it, and its owner still has it
        assertThat(otherUser).doesNotContain("4711").startsWith("No remembered fact matches");
        assertThat(otherTenantAll).isEqualTo("No facts are remembered about this user.");
        assertThat(forgetById).startsWith("Nothing was forgotten");
        assertThat(forgetAll).startsWith("Nothing was forgotten");
        assertThat(ok(call(tenant, "ana", "recall", "{\"query\":\"code\"}"))).contains("Secret code is 4711");
    }

    @Test
    void factIdsAreNumberedPerUserAndNeverReused() {
        // Given a user of this tenant and a user of a new tenant, each remembering their first facts
        String otherTenant = "t-" + UUID.randomUUID();
        ToolCallCompleted first = call(tenant, "fay", "remember", "{\"fact\":\"Speaks Welsh\"}");
        ToolCallCompleted second = call(tenant, "fay", "remember", "{\"fact\":\"Collects stamps\"}");
        ToolCallCompleted elsewhere = call(otherTenant, "gus", "remember", "{\"fact\":\"Runs marathons\"}");

        // Then the ids count that user's facts only: nothing tells how many facts other tenants stored
        assertThat(id(first)).isEqualTo(1);
        assertThat(id(second)).isEqualTo(2);
        assertThat(id(elsewhere)).isEqualTo(1);

        // And after the newest is forgotten, the next fact gets a new id, so a stale id cannot hit it
        ok(call(tenant, "fay", "forget", "{\"id\":\"2\"}"));
        ToolCallCompleted third = call(tenant, "fay", "remember", "{\"fact\":\"Keeps bees\"}");
        assertThat(id(third)).isEqualTo(3);
        assertThat(ok(call(tenant, "fay", "forget", "{\"id\":\"2\"}"))).startsWith("Nothing was forgotten");
    }

    @Test
    void forgetDeletesByIdByEveryWordOfAQueryOrAll() {
        // Given four facts
        ToolCallCompleted tea = call(tenant, "cy", "remember", "{\"fact\":\"Drinks green tea\"}");
        call(tenant, "cy", "remember", "{\"fact\":\"Drinks black coffee\"}");
        call(tenant, "cy", "remember", "{\"fact\":\"Owns a black cat\"}");
        call(tenant, "cy", "remember", "{\"fact\":\"Plays chess\"}");
        // When one is forgotten by id ("[id]" as recall shows it), then those containing both "black" and "coffee"
        String byId = ok(call(tenant, "cy", "forget", "{\"id\":\"[" + id(tea) + "]\"}"));
        String byQuery = ok(call(tenant, "cy", "forget", "{\"query\":\"black coffee\"}"));
        // Then each answer lists exactly what went
        assertThat(byId).isEqualTo("Forgot 1 fact:\n- [" + id(tea) + "] Drinks green tea (remembered "
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ")");
        assertThat(byQuery).startsWith("Forgot 1 fact:").contains("Drinks black coffee").doesNotContain("cat");
        // And forgetting all removes the rest
        assertThat(ok(call(tenant, "cy", "forget", "{\"all\":true}"))).startsWith("Forgot 2 facts:")
                .contains("Owns a black cat", "Plays chess");
        assertThat(factCount(tenant, "cy")).isZero();
    }

    @Test
    void aFullMemoryAnswersWithAnErrorTellingTheModelToForgetFirst() {
        // Given a user with 200 facts, the default cap
        RowScope.inTenant(pool, tenant, tx -> tx.preparedQuery("WITH seeded AS (INSERT INTO tools.memory_fact "
                + "(tenant_id, user_id, fact, call_id, fact_no) "
                + "SELECT $1, 'dee', 'fact number ' || n, 'seed', n FROM generate_series(1, 200) AS n) "
                + "INSERT INTO tools.memory_fact_counter (tenant_id, user_id, last_no) VALUES ($1, 'dee', 200)")
                .execute(Tuple.of(tenant)))
                .await()
                .atMost(Duration.ofSeconds(10));
        // When a new fact, and one already stored, are remembered
        ToolCallCompleted full = call(tenant, "dee", "remember", "{\"fact\":\"Likes sailing\"}");
        ToolCallCompleted known = call(tenant, "dee", "remember", "{\"fact\":\"fact number 7\"}");
        // Then the new one is refused with advice, the known one is simply confirmed, and nothing was added
        assertThat(full.status()).isEqualTo(Status.ERROR);
        assertThat(full.error()).contains("full (200 facts)", "forget a fact first");
        assertThat(known.result()).startsWith("Already remembered as [");
        assertThat(factCount(tenant, "dee")).isEqualTo(200);
        // And recall shows the newest 50 of them, saying so
        assertThat(ok(call(tenant, "dee", "recall", ""))).contains("(50 of 200 facts)");
    }

    @Test
    void hostileArgumentsGetErrorResultsNeverACrash() {
        // Given arguments that are too long, mistyped, missing, not JSON, or ambiguous
        // When they are called, Then each gets an ERROR result that says what is wrong
        assertThat(error(call(tenant, "eve", "remember", "{\"fact\":\"" + "x".repeat(1001) + "\"}")))
                .contains("1001 characters long; at most 1000");
        assertThat(error(call(tenant, "eve", "remember", "{\"fact\":\"" + "y".repeat(200_000) + "\"}")))
                .contains("longer than 1000");
        assertThat(error(call(tenant, "eve", "remember", "{\"fact\":42}"))).contains("'fact'", "string");
        assertThat(error(call(tenant, "eve", "remember", "{}"))).contains("'fact' is required");
        assertThat(error(call(tenant, "eve", "remember", "{\"fact\":\" \\n\\u0000 \"}"))).contains("empty");
        assertThat(error(call(tenant, "eve", "remember", "{\"fact\": \"unterminated"))).isEqualTo(
                "arguments are not valid JSON");
        assertThat(error(call(tenant, "eve", "recall", "{\"query\":[\"tea\"]}"))).contains("'query' must be a string");
        assertThat(error(call(tenant, "eve", "forget", "{}"))).contains("say what to forget");
        assertThat(error(call(tenant, "eve", "forget", "{\"id\":\"1\",\"all\":true}"))).contains("only one of");
        assertThat(error(call(tenant, "eve", "forget", "{\"id\":\"1 OR 1=1\"}"))).contains("'id' must be a fact id");
        assertThat(error(call(tenant, "eve", "forget", "{\"all\":\"yes\"}"))).contains("'all' must be true");
        assertThat(error(call(tenant, "eve", "forget", "{\"query\":\"%\"}"))).contains("no words");
        assertThat(error(call(tenant, null, "remember", "{\"fact\":\"x\"}"))).contains("no user id");
    }

    @Test
    void sqlLookingTextIsStoredAndMatchedAsPlainText() {
        // Given a fact and a query that look like SQL
        String fact = "Robert'); DROP TABLE tools.memory_fact; -- 100% _sure_";
        ToolCallCompleted stored = call(tenant, "fox", "remember", "{\"fact\":\"" + fact.replace("\"", "\\\"")
                + "\"}");
        // When recalled with SQL-looking text
        String found = ok(call(tenant, "fox", "recall", "{\"query\":\"' OR 1=1; drop --\"}"));
        // Then the fact is kept verbatim, found by its words, and the table is still there for everyone else
        assertThat(stored.result()).endsWith(fact);
        assertThat(found).contains(fact);
        assertThat(ok(call(tenant, "gil", "recall", "{\"query\":\"drop\"}"))).startsWith("No remembered fact");
        assertThat(factCount(tenant, "fox")).isEqualTo(1);
    }

    @Test
    void memoryToolsRefuseACallWhoseTurnWasNotAllowedMemory() {
        // Given a user with a remembered fact
        call(tenant, "uma", "remember", "{\"fact\":\"Owns a red bicycle\"}");

        // When calls of a turn the worker did not allow memory (an unverified user; a tool the model made up) come
        List<ToolCallCompleted> refused = List.of(
                notAllowed("remember", "{\"fact\":\"Owns a blue car\"}"), notAllowed("recall", "{}"),
                notAllowed("forget", "{\"all\":true}"));

        // Then each is an error saying why, and the user's memory is as it was
        assertThat(refused).allSatisfy(c -> assertThat(error(c)).contains("not verified"));
        assertThat(factCount(tenant, "uma")).isEqualTo(1);
        assertThat(ok(call(tenant, "uma", "recall", "{}"))).contains("Owns a red bicycle").doesNotContain("blue");
    }

    private ToolCallCompleted notAllowed(String tool, String arguments) {
        ToolCallRequested request = request(tenant, "conv-" + UUID.randomUUID(), "uma", tool, arguments, false);
        Events.publish(kafka, event(request));
        return awaitResult(results, request).data();
    }

    private ToolCallCompleted call(String tenantId, String user, String tool, String arguments) {
        ToolCallRequested request = request(tenantId, user, tool, arguments);
        Events.publish(kafka, event(request));
        return awaitResult(results, request).data();
    }

    private static String ok(ToolCallCompleted completed) {
        assertThat(completed.status()).as("status of %s: %s", completed.toolName(), completed.error())
                .isEqualTo(Status.OK);
        return completed.result();
    }

    private static String error(ToolCallCompleted completed) {
        assertThat(completed.status()).as("status of %s", completed.toolName()).isEqualTo(Status.ERROR);
        assertThat(completed.result()).isNull();
        return completed.error();
    }

    private static long id(ToolCallCompleted remembered) {
        String result = remembered.result();
        return Long.parseLong(result.substring(result.indexOf('[') + 1, result.indexOf(']')));
    }

    private long factCount(String tenantId, String user) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT count(*) AS n FROM tools.memory_fact WHERE tenant_id = $1 AND user_id = $2")
                .execute(Tuple.of(tenantId, user)))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong("n");
    }
}
