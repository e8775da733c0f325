package ai.aleff.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.database.ServiceDatabase;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaBroker;
import ai.aleff.testkit.PostgresServer;

/**
 * Two agent-worker processes share a consumer group; one is killed while its model call is in flight. The inbound
 * topic and group are private to this test, so no other agent in the test JVM can take the message.
 */
class WorkerKillIT {

    private final String kafka = KafkaBroker.bootstrapServers();
    private final String database = PostgresServer.createDatabase("kill");
    private final String inboundTopic = "kill-test.inbound." + UUID.randomUUID();
    private final String group = "kill-test-" + UUID.randomUUID();
    private final SlowModelServer model = SlowModelServer.start(Duration.ZERO);
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
    void turnOfAKilledWorkerCompletesOnTheOtherWithExactlyOneReply() throws Exception {
        createTopic(inboundTopic);
        // Given a worker (it creates the platform's topics on start-up)
        model.holdCalls();
        first = WorkerProcess.start("first", freePort(), workerConfig()).awaitReady();
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // And a message whose model call is in flight there (the model holds every call until released)
            CloudEvent<MessageReceived> message = TestMessages.message(TestMessages.newTenant(),
                    TestMessages.newConversation(), "survive the crash " + UUID.randomUUID());
            String turnId = message.data().messageId();
            ProducerRecord<String, byte[]> encoded = Events.CODEC.encode(message);
            Events.send(kafka, List.of(new ProducerRecord<>(inboundTopic, null, encoded.key(), encoded.value(),
                    encoded.headers())));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> model.calls(message.data().text()) == 1);

            // And a second worker in the same group, which has taken over part of the partitions
            second = WorkerProcess.start("second", freePort(), workerConfig()).awaitReady();
            awaitStableGroupOfTwo();

            // When the first worker is killed mid-call, and the model then answers again
            assertThat(first.isAlive()).isTrue();
            assertThat(model.inFlight()).as("model calls in flight when the worker is killed").isPositive();
            first.kill();
            model.release();

            // Then the other worker completes the turn: exactly one reply, now and after a while
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> !replies.events(ReplyReady.class, r -> r.inReplyTo().equals(turnId)).isEmpty());
            CloudEvent<ReplyReady> reply = replies.events(ReplyReady.class, r -> r.inReplyTo().equals(turnId)).get(0);
            assertThat(reply.data().text()).isEqualTo(SlowModelServer.REPLY_PREFIX + message.data().text());
            Awaitility.await()
                    .during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> replies.events(ReplyReady.class, r -> r.inReplyTo().equals(turnId)).size() == 1);

            // And the model was asked again after the crash (the turn really was redone elsewhere)
            assertThat(model.calls(message.data().text())).isGreaterThanOrEqualTo(2);
            // And the conversation holds one user message and one answer: no step was applied twice
            assertThat(historyRoles(turnId)).containsExactly("USER", "ASSISTANT");
            assertThat(second.isAlive()).isTrue();
        }
    }

    private Map<String, String> workerConfig() {
        Map<String, String> config = new HashMap<>(PostgresServer.datasource(database, ServiceDatabase.AGENT));
        config.putAll(Map.ofEntries(Map.entry("kafka.bootstrap.servers", kafka),
                Map.entry("aleff.agent.model.openai.base-url", model.baseUrl()),
                Map.entry("aleff.agent.model-attempts", "1"),
                Map.entry("mp.messaging.incoming.conversation-inbound.topic", inboundTopic),
                Map.entry("mp.messaging.incoming.conversation-inbound.group.id", group),
                // The broker's minimum: a killed member is noticed within seconds instead of 45.
                Map.entry("mp.messaging.incoming.conversation-inbound.session.timeout.ms", "6000"),
                Map.entry("mp.messaging.incoming.conversation-inbound.heartbeat.interval.ms", "1000"),
                // A member that dies in the middle of a rebalance is waited for up to this long.
                Map.entry("mp.messaging.incoming.conversation-inbound.max.poll.interval.ms", "20000"),
                Map.entry("mp.messaging.incoming.tool-results.group.id", group + "-tools"),
                Map.entry("quarkus.log.category.\"org.apache.kafka\".level", "WARN")));
        return config;
    }

    /**
     * Waits until both workers hold partitions of the inbound topic: killing a member while the group is still
     * rebalancing would test the broker's rebalance timeout, not the worker.
     */
    private void awaitStableGroupOfTwo() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Awaitility.await("consumer group " + group + " stable with two members")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                                .describedGroups()
                                .get(group)
                                .get();
                        return description.groupState() == GroupState.STABLE && description.members().size() == 2
                                && description.members()
                                        .stream()
                                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                    });
        }
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
    }

    private List<String> historyRoles(String turnId) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresServer.jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD);
                PreparedStatement query = c
                        .prepareStatement("SELECT role FROM agent.history WHERE turn_id = ? ORDER BY seq")) {
            query.setString(1, turnId);
            try (ResultSet rows = query.executeQuery()) {
                List<String> roles = new java.util.ArrayList<>();
                while (rows.next()) {
                    roles.add(rows.getString(1));
                }
                return roles;
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
