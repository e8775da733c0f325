package ai.aleff.agent.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import ai.aleff.agent.turn.TurnIds;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.database.ServiceDatabase;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.FixedKafkaSettings;
import ai.aleff.platform.messaging.KafkaClientConfig;
import ai.aleff.platform.messaging.TopicProvisioner;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaBroker;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.PostgresServer;

/**
 * A worker is killed while a subagent's model call is in flight; another worker's stale-turn resumer continues the
 * child turn, whose answer resumes the parent: one result for the parent's call, one reply. The inbound topic and
 * groups are private to this test, so no other agent in the test JVM can take the message.
 */
class SubagentKillIT {

    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String CHILD_INSTRUCTIONS = "HELPER-INSTRUCTIONS: answer in one word.";
    private static final String CHILD_ANSWER = "Forty-two.";
    private static final String FINAL_ANSWER = "The helper says forty-two.";

    private final String kafka = KafkaBroker.bootstrapServers();
    private final String database = PostgresServer.createDatabase("subkill");
    private final String inboundTopic = "subkill-test.inbound." + UUID.randomUUID();
    private final String group = "subkill-test-" + UUID.randomUUID();
    private final String marker = "subkill-" + UUID.randomUUID();
    private final OpenAiEmulator model = OpenAiEmulator.start();
    private WorkerProcess first;
    private WorkerProcess second;

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        model.close();
    }

    @Test
    void childTurnOfAKilledWorkerIsResumedAndAnswersItsParentOnce() throws Exception {
        createTopic(inboundTopic);
        provisionPlatformTopics();
        stubModel();
        // Given a tenant with a helper subagent, known to the workers through the configuration topic
        String tenant = "t-" + UUID.randomUUID();
        publishConfiguration(tenant);
        // And a worker whose subagent model call is in flight (the model holds the child's first call)
        first = WorkerProcess.start("subkill-first", freePort(), workerConfig()).awaitReady();
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            CloudEvent<MessageReceived> message = TestMessages.message(tenant, TestMessages.newConversation(),
                    marker + " ask the helper");
            String turnId = message.data().messageId();
            String parentCall = turnId + ":0:0";
            ProducerRecord<String, byte[]> encoded = Events.CODEC.encode(message);
            Events.send(kafka, List.of(new ProducerRecord<>(inboundTopic, null, encoded.key(), encoded.value(),
                    encoded.headers())));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> childCalls() == 1);

            // When that worker is killed, and another one starts
            first.kill();
            second = WorkerProcess.start("subkill-second", freePort(), workerConfig()).awaitReady();

            // Then the child turn is continued there and the user gets exactly one reply, from the parent
            ReplyReady reply = replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(turnId)).data();
            assertThat(reply.text()).isEqualTo(FINAL_ANSWER);
            Awaitility.await()
                    .during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> replies.events(ReplyReady.class,
                            r -> r.conversationId().equals(message.conversationId())).size() == 1);
            // And the child's model call really was redone after the crash
            assertThat(childCalls()).isGreaterThanOrEqualTo(2);
            // And the parent's call got exactly one result, the child's answer
            assertThat(query("SELECT status || ' ' || result FROM agent.tool_call WHERE call_id = ?", parentCall))
                    .containsExactly("DONE " + CHILD_ANSWER);
            assertThat(query("SELECT role FROM agent.history WHERE turn_id = ? ORDER BY seq", turnId))
                    .containsExactly("USER", "ASSISTANT", "TOOL", "ASSISTANT");
            assertThat(query("SELECT status FROM agent.turn WHERE turn_id = ?", TurnIds.childTurnId(parentCall)))
                    .containsExactly("DONE");
        }
    }

    private void stubModel() {
        var server = model.server();
        // The child's first call is held far longer than the test waits, so the worker dies while it is in flight;
        // every later call answers at once.
        server.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(1)
                .withRequestBody(containing(CHILD_INSTRUCTIONS))
                .inScenario("child")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("resumed")
                .willReturn(json(OpenAiEmulator.textResponse(CHILD_ANSWER)).withFixedDelay(300_000)));
        server.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(1)
                .withRequestBody(containing(CHILD_INSTRUCTIONS))
                .inScenario("child")
                .whenScenarioStateIs("resumed")
                .willReturn(json(OpenAiEmulator.textResponse(CHILD_ANSWER))));
        server.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(2)
                .withRequestBody(containing(marker))
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(json(OpenAiEmulator.textResponse(FINAL_ANSWER))));
        server.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(3)
                .withRequestBody(containing(marker))
                .willReturn(json(OpenAiEmulator.toolCallResponse("call_helper", "agent_helper",
                        Map.of("task", "What is six times seven?")))));
    }

    private int childCalls() {
        return model.server()
                .findAll(postRequestedFor(urlEqualTo(COMPLETIONS)).withRequestBody(containing(CHILD_INSTRUCTIONS)))
                .size();
    }

    private void publishConfiguration(String tenant) {
        AssistantConfiguration assistant = new AssistantConfiguration(1, null, List.of(), List.of(),
                List.of(new AssistantConfiguration.Subagent("helper", "Answers questions.", CHILD_INSTRUCTIONS,
                        List.of(), List.of())),
                List.of(), null, null);
        Instant now = Instant.now();
        Events.publish(kafka, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), tenant, null, now,
                new TenantConfigurationChanged(tenant, "Tenant " + tenant, TenantConfigurationChanged.Status.ACTIVE,
                        List.of(), 1, now, assistant)));
    }

    private Map<String, String> workerConfig() {
        Map<String, String> config = new HashMap<>(PostgresServer.datasource(database, ServiceDatabase.AGENT));
        config.putAll(Map.ofEntries(Map.entry("kafka.bootstrap.servers", kafka),
                Map.entry("aleff.agent.model.openai.base-url", model.baseUrl()),
                Map.entry("aleff.agent.model-attempts", "1"),
                // The resumer is what continues the child: make it look soon.
                Map.entry("aleff.agent.stale-turn-after", "3s"),
                Map.entry("aleff.agent.stale-turn-sweep-interval", "1s"),
                Map.entry("aleff.outbox.poll-interval", "1s"),
                Map.entry("mp.messaging.incoming.conversation-inbound.topic", inboundTopic),
                Map.entry("mp.messaging.incoming.conversation-inbound.group.id", group),
                Map.entry("mp.messaging.incoming.conversation-inbound.session.timeout.ms", "6000"),
                Map.entry("mp.messaging.incoming.conversation-inbound.heartbeat.interval.ms", "1000"),
                Map.entry("mp.messaging.incoming.tool-results.group.id", group + "-tools"),
                Map.entry("quarkus.log.category.\"org.apache.kafka\".level", "WARN")));
        return config;
    }

    private List<String> query(String sql, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresServer.jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    /** The configuration topic must exist before a worker starts; workers would create it only at their start. */
    private void provisionPlatformTopics() {
        new TopicProvisioner(KafkaClientConfig.of(Map.of("bootstrap.servers", kafka)),
                FixedKafkaSettings.defaults(kafka)).provision();
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
