package ai.aleff.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import ai.aleff.ingress.config.IngressSettings;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/**
 * Reply streams follow the log by PostgreSQL notification: a reply another instance stores reaches a stream here at
 * once, long before the safety-net poll, and a dropped listening connection loses nothing. "Another instance" is a
 * second database connection that stores the reply exactly as an instance does ({@code ingress.store_reply}, which
 * inserts the row and notifies in one transaction), under another origin.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ReplyNotificationsIT {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final Pattern REPLY_ID = Pattern.compile("\"replyId\":\"([^\"]+)\"");
    private static final String LISTENER = """
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()
              AND query LIKE 'LISTEN %aleff_ingress_reply%'""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @TestHTTPResource("/")
    URL baseUrl;

    @Inject
    Vertx vertx;

    @Inject
    IngressSettings settings;

    @Test
    void aReplyStoredByAnotherInstanceReachesAnOpenStreamWithinSecondsWithoutThePoll() throws Exception {
        // Given an open stream, and a poll far slower than the wait below
        assertThat(settings.replyLogPollInterval()).isGreaterThanOrEqualTo(PROMPTLY.multipliedBy(4));
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        HttpClient client = vertx.createHttpClient();
        PgConnection otherInstance = connect();
        try {
            StringBuffer stream = openEvents(client, tenant, conversationId);
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.toString().contains(":subscribed"));

            // When another instance stores two replies, and this one consumes a third
            String r1 = storeElsewhere(otherInstance, tenant.tenantId(), conversationId, "One.");
            await().atMost(PROMPTLY).until(() -> replyIds(stream).contains(r1));
            String r2 = storeElsewhere(otherInstance, tenant.tenantId(), conversationId, "Two.");
            String r3 = UUID.randomUUID().toString();
            Events.publish(bootstrap, ConversationResourceIT.reply(tenant.tenantId(), conversationId, r3, "m-1",
                    "Three."));

            // Then each arrives promptly, once, in order
            await().atMost(PROMPTLY).until(() -> replyIds(stream).contains(r3));
            assertThat(replyIds(stream)).containsExactly(r1, r2, r3);
        } finally {
            otherInstance.close();
            client.close();
        }
    }

    @Test
    void aTerminatedListenerConnectionIsReopenedAndAReplyStoredWhileItWasDownStillArrivesOnce() throws Exception {
        // Given an open stream and this instance's listening connection
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        HttpClient client = vertx.createHttpClient();
        PgConnection otherInstance = connect();
        try {
            StringBuffer stream = openEvents(client, tenant, conversationId);
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.toString().contains(":subscribed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> listenerPid(otherInstance) != null);
            Integer listener = listenerPid(otherInstance);

            // When its backend is terminated, and another instance stores a reply right away (nobody listens here)
            Boolean terminated = otherInstance.preparedQuery("SELECT pg_terminate_backend($1) AS done")
                    .execute(Tuple.of(listener))
                    .map(rows -> rows.iterator().next().getBoolean("done"))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(terminated).isTrue();
            String whileDown = storeElsewhere(otherInstance, tenant.tenantId(), conversationId, "While down.");

            // Then a new connection listens, the reply stored meanwhile arrives, and notices flow again
            await().atMost(PROMPTLY).until(() -> {
                Integer now = listenerPid(otherInstance);
                return now != null && !now.equals(listener);
            });
            await().atMost(PROMPTLY).until(() -> replyIds(stream).contains(whileDown));
            String after = storeElsewhere(otherInstance, tenant.tenantId(), conversationId, "After.");
            await().atMost(PROMPTLY).until(() -> replyIds(stream).contains(after));
            assertThat(replyIds(stream)).containsExactly(whileDown, after);
        } finally {
            otherInstance.close();
            client.close();
        }
    }

    private PgConnection connect() throws Exception {
        return PgConnection.connect(vertx, PgConnectOptions.fromUri(reactiveUrl)
                .setUser(username)
                .setPassword(password))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Stores a reply as another instance does; its id. */
    private static String storeElsewhere(PgConnection connection, String tenantId, String conversationId,
            String text) throws Exception {
        String replyId = UUID.randomUUID().toString();
        connection.preparedQuery("SELECT stored_seq FROM ingress.store_reply($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[]{tenantId, conversationId, replyId, text, "m-1", "offline",
                        OffsetDateTime.now(ZoneOffset.UTC), "another-instance"}))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return replyId;
    }

    private static Integer listenerPid(PgConnection connection) throws Exception {
        return connection.query(LISTENER)
                .execute()
                .map(rows -> {
                    List<Integer> pids = new ArrayList<>();
                    for (Row row : rows) {
                        pids.add(row.getInteger("pid"));
                    }
                    return pids.size() == 1 ? pids.getFirst() : null;
                })
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private StringBuffer openEvents(HttpClient client, Events.TestTenant tenant, String conversationId)
            throws Exception {
        StringBuffer stream = new StringBuffer();
        client.request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(),
                "/v1/conversations/" + conversationId + "/events")
                .compose(request -> request.putHeader("Authorization", "Bearer " + tenant.apiKey())
                        .putHeader("Accept", "text/event-stream")
                        .send()
                        .map(r -> r.handler(buffer -> stream.append(buffer.toString()))))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return stream;
    }

    private static List<String> replyIds(StringBuffer stream) {
        List<String> ids = new ArrayList<>();
        Matcher m = REPLY_ID.matcher(stream.toString());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
