package ai.aleff.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.CloudEventAttributes;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** Turns with the offline provider (no model configured), over the real broker and database. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class OfflineTurnsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void calcCommandRunsTheCalculatorAndRepliesWithItsResult() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a user asking the offline provider to calculate
            CloudEvent<MessageReceived> message = TestMessages.message(TestMessages.newTenant(),
                    TestMessages.newConversation(), "/calc 2*(3+4)");

            // When the message arrives
            Events.publish(kafka, message);

            // Then the calculator is asked for, with a deterministic call id and idempotency key
            String turnId = message.data().messageId();
            CloudEvent<ToolCallRequested> request = requests.awaitOne(ToolCallRequested.class,
                    r -> r.turnId().equals(turnId));
            assertThat(request.id()).isEqualTo(turnId + ":0:0");
            assertThat(request.data().callId()).isEqualTo(turnId + ":0:0");
            assertThat(request.data().idempotencyKey()).isEqualTo(turnId + ":0:0");
            assertThat(request.data().toolName()).isEqualTo("calculator");
            assertThat(request.data().arguments()).isEqualTo("{\"expression\":\"2*(3+4)\"}");
            assertThat(request.tenantId()).isEqualTo(message.tenantId());
            assertThat(request.conversationId()).isEqualTo(message.conversationId());

            // And when tool-executor reports the result, the reply carries it
            Events.publish(kafka, TestMessages.ok(request.data(), "14"));
            CloudEvent<ReplyReady> reply = replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(turnId));
            assertThat(reply.data().text()).isEqualTo("[offline] calculator -> 14");
            assertThat(reply.data().model()).isEqualTo("offline");
            assertThat(reply.data().channel()).isEqualTo("api");
            assertThat(reply.id()).isEqualTo(reply.data().replyId());
        }
    }

    @Test
    void plainTextGetsAnHonestOfflineReply() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given ordinary chat while no model is configured
            CloudEvent<MessageReceived> message = TestMessages.message(TestMessages.newTenant(),
                    TestMessages.newConversation(), "Hello, how are you?");

            // When it arrives
            Events.publish(kafka, message);

            // Then the reply says plainly that no language model is configured
            ReplyReady reply = replies
                    .awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(message.data().messageId()))
                    .data();
            assertThat(reply.text()).contains("offline provider", "no language model is configured", "/calc");
            assertThat(reply.model()).isEqualTo("offline");
        }
    }

    @Test
    void redeliveredMessageAndDuplicateResultCauseNoDuplicateEvents() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a calc turn waiting for its tool
            String tenant = TestMessages.newTenant();
            String conversation = TestMessages.newConversation();
            CloudEvent<MessageReceived> first = TestMessages.message(tenant, conversation, "/calc 1+2");
            Events.publish(kafka, first);
            String turnId = first.data().messageId();
            ToolCallRequested request = requests.awaitOne(ToolCallRequested.class, r -> r.turnId().equals(turnId))
                    .data();

            // When the message is redelivered and the result arrives twice
            Events.publish(kafka, first);
            Events.publish(kafka, TestMessages.ok(request, "3"), TestMessages.ok(request, "3"));
            replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(turnId));
            Events.publish(kafka, first);

            // And a later turn in the same conversation goes through the same partitions after all of them
            CloudEvent<MessageReceived> marker = TestMessages.message(tenant, conversation, "/calc 2+2");
            Events.publish(kafka, marker);
            ToolCallRequested markerRequest = requests
                    .awaitOne(ToolCallRequested.class, r -> r.turnId().equals(marker.data().messageId()))
                    .data();
            Events.publish(kafka, TestMessages.ok(markerRequest, "4"));
            replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(marker.data().messageId()));

            // Then the first turn asked for its tool once and replied once
            assertThat(requests.events(ToolCallRequested.class, r -> r.turnId().equals(turnId))).hasSize(1);
            List<CloudEvent<ReplyReady>> firstReplies = replies.events(ReplyReady.class,
                    r -> r.inReplyTo().equals(turnId));
            assertThat(firstReplies).hasSize(1);
            assertThat(firstReplies.get(0).data().text()).isEqualTo("[offline] calculator -> 3");
        }
    }

    @Test
    void messageDuringARunningTurnIsAnsweredAfterItInOrder() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a turn waiting for a tool result
            String tenant = TestMessages.newTenant();
            String conversation = TestMessages.newConversation();
            CloudEvent<MessageReceived> first = TestMessages.message(tenant, conversation, "/calc 6*7");
            Events.publish(kafka, first);
            ToolCallRequested request = requests
                    .awaitOne(ToolCallRequested.class, r -> r.turnId().equals(first.data().messageId()))
                    .data();

            // When a second message arrives before the tool result, and only then the result
            CloudEvent<MessageReceived> second = TestMessages.message(tenant, conversation, "thanks");
            Events.publish(kafka, second);
            Events.publish(kafka, TestMessages.ok(request, "42"));

            // Then both are answered, the first before the second
            List<String> order = awaitReplyOrder(replies, conversation, 2);
            assertThat(order).containsExactly(first.data().messageId(), second.data().messageId());
        }
    }

    @Test
    void malformedInboundRecordIsDeadLetteredAndTheNextMessageIsHandled() {
        try (EventProbe deadLetters = EventProbe.open(kafka, Topics.DEAD_LETTER);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a record that is not a CloudEvent at all, then a valid message
            String tenant = TestMessages.newTenant();
            String conversation = TestMessages.newConversation();
            String key = Topics.conversationKey(tenant, conversation);
            ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.CONVERSATION_INBOUND, key,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            garbage.headers().add(CloudEventAttributes.TYPE, "nonsense".getBytes(StandardCharsets.UTF_8));
            CloudEvent<MessageReceived> valid = TestMessages.message(tenant, conversation, "hello after garbage");

            // When both arrive on the inbound topic
            Events.send(kafka, List.of(garbage));
            Events.publish(kafka, valid);

            // Then the garbage lands on the dead-letter topic and the valid message is still answered
            replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(valid.data().messageId()));
            Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> deadLetters.records().stream().anyMatch(r -> key.equals(r.key())));
            ConsumerRecord<String, byte[]> dead = deadLetters.records()
                    .stream()
                    .filter(r -> key.equals(r.key()))
                    .findFirst()
                    .orElseThrow();
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        }
    }

    @Test
    void payloadNamingAnotherTenantThanItsEnvelopeIsDeadLettered() {
        try (EventProbe deadLetters = EventProbe.open(kafka, Topics.DEAD_LETTER);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a message whose envelope names one tenant and whose payload names another
            String conversation = TestMessages.newConversation();
            CloudEvent<MessageReceived> honest = TestMessages.message(TestMessages.newTenant(), conversation, "hi");
            CloudEvent<MessageReceived> forged = new CloudEvent<>(honest.id(), honest.source(), honest.type(),
                    honest.time(), TestMessages.newTenant(), conversation, honest.data());
            CloudEvent<MessageReceived> next = TestMessages.message(forged.tenantId(), conversation, "next");

            // When it arrives, followed by a valid message on the same key
            Events.publish(kafka, forged, next);

            // Then it is dead-lettered and never answered, and the next message is
            replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(next.data().messageId()));
            Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> deadLetters.records()
                            .stream()
                            .anyMatch(r -> forged.key().equals(r.key())));
            assertThat(replies.events(ReplyReady.class, r -> r.inReplyTo().equals(honest.data().messageId())))
                    .isEmpty();
        }
    }

    static List<String> awaitReplyOrder(EventProbe replies, String conversation, int count) {
        Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> replies.events(ReplyReady.class, r -> r.conversationId().equals(conversation))
                        .size() >= count);
        return replies.events(ReplyReady.class, r -> r.conversationId().equals(conversation))
                .stream()
                .map(e -> e.data().inReplyTo())
                .toList();
    }
}
