package ai.aleff.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** Many conversations at once against a model that takes 400 ms per call. */
@QuarkusTest
@TestProfile(SlowModelProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ConversationOrderIT {

    private static final int CONVERSATIONS = 40;
    private static final int MESSAGES_EACH = 3;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void everyConversationGetsItsRepliesInSendOrderWhileConversationsRunConcurrently() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given 40 conversations of one tenant, each sending 3 messages back to back
            String tenant = TestMessages.newTenant();
            Map<String, List<CloudEvent<MessageReceived>>> sent = new LinkedHashMap<>();
            List<CloudEvent<MessageReceived>> all = new ArrayList<>();
            for (int m = 0; m < MESSAGES_EACH; m++) {
                for (int c = 0; c < CONVERSATIONS; c++) {
                    String conversation = "order-" + tenant + "-" + c;
                    CloudEvent<MessageReceived> message = TestMessages.message(tenant, conversation,
                            "conversation " + c + " message " + m);
                    sent.computeIfAbsent(conversation, k -> new ArrayList<>()).add(message);
                    all.add(message);
                }
            }

            // When they all arrive at once
            Events.publish(kafka, all.toArray(CloudEvent[]::new));

            // Then every message gets exactly one reply, answering that very message
            Set<String> turnIds = all.stream().map(e -> e.data().messageId()).collect(Collectors.toSet());
            // The outbox relay may publish an event a second time under the same id (consumers deduplicate by id),
            // so replies are awaited and counted by id, in the order each id was first seen: a repeat must not
            // end the wait before every reply is in.
            List<CloudEvent<ReplyReady>> received = replies.awaitDistinct(ReplyReady.class,
                    r -> turnIds.contains(r.inReplyTo()), all.size());
            assertThat(received).hasSize(all.size());
            assertThat(received.stream().map(r -> r.data().inReplyTo()).collect(Collectors.toSet()))
                    .isEqualTo(turnIds);
            Map<String, String> textById = all.stream()
                    .collect(Collectors.toMap(e -> e.data().messageId(), e -> e.data().text()));
            assertThat(received).allSatisfy(reply -> assertThat(reply.data().text())
                    .isEqualTo(SlowModelServer.REPLY_PREFIX + textById.get(reply.data().inReplyTo())));

            // And within each conversation the replies come in the order the messages were sent
            sent.forEach((conversation, messages) -> assertThat(received.stream()
                    .filter(r -> r.data().conversationId().equals(conversation))
                    .map(r -> r.data().inReplyTo())
                    .toList()).as(conversation)
                    .containsExactlyElementsOf(messages.stream().map(e -> e.data().messageId()).toList()));

            // And conversations did not wait for each other, up to the tenant's cap of concurrent model calls
            // (default 16): the model had exactly that many calls of this tenant in flight at the peak
            assertThat(SlowModelResource.model.maxInFlight()).isEqualTo(16);
        }
    }
}
