package ai.aleff.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
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

/**
 * One tenant's backlog against a slow model must not stall another tenant: with a global in-flight permit held for
 * a whole turn, tenant A's 2,000 records held every permit and B's record waited behind them in the partitions.
 */
@QuarkusTest
@TestProfile(FairIntakeProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class FairIntakeIT {

    private static final int CONVERSATIONS = 200;
    private static final int MESSAGES_EACH = 10;
    private static final Duration MODEL_DELAY = Duration.ofSeconds(1);
    /** A's backlog drains at about 40 turns a second (the tenant's model cap over a one-second model). */
    private static final Duration BACKLOG_DRAINED = Duration.ofMinutes(4);
    /** Waited for B's reply before counting A's, so a failure says how far off it was. */
    private static final Duration B_GIVES_UP = Duration.ofMinutes(2);
    /**
     * B's wait counted in A's progress, not in seconds: the wall-clock wait grows with the machine's load (3.5 s on a
     * quiet machine, 22 s with four builds beside it), the number of A's replies before B's does not. The dispatcher
     * lets B in after A's first round of its 200 conversations (160 to 296 of A's answered, measured); the old global
     * permit made B wait for 529. Two rounds separate the two.
     */
    private static final int AHEAD_OF_B = 2 * CONVERSATIONS;
    private static final String B_TEXT = "b's only message";
    private static final Logger LOG = Logger.getLogger(FairIntakeIT.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aTenantsBacklogOfTwoThousandMessagesDoesNotStallAnotherTenant() {
        SlowModelResource.model.delay(MODEL_DELAY);
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given tenant A's 2,000 messages over 200 conversations, queued against a model taking 1 s per call
            String tenantA = TestMessages.newTenant();
            String tenantB = TestMessages.newTenant();
            Map<String, List<String>> sentA = new LinkedHashMap<>();
            List<CloudEvent<MessageReceived>> backlog = new ArrayList<>();
            for (int m = 0; m < MESSAGES_EACH; m++) {
                for (int c = 0; c < CONVERSATIONS; c++) {
                    String conversation = "fair-" + tenantA + "-" + c;
                    CloudEvent<MessageReceived> message = TestMessages.message(tenantA, conversation,
                            "a conversation " + c + " message " + m);
                    sentA.computeIfAbsent(conversation, k -> new ArrayList<>()).add(message.data().messageId());
                    backlog.add(message);
                }
            }
            publishAtOnce(backlog);
            Set<String> idsA = backlog.stream().map(e -> e.data().messageId()).collect(Collectors.toSet());
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !distinctReplies(replies, idsA).isEmpty());

            // When tenant B sends one message while A's backlog is being worked off
            CloudEvent<MessageReceived> fromB = TestMessages.message(tenantB, TestMessages.newConversation(),
                    B_TEXT);
            long sentB = System.nanoTime();
            Events.publish(kafka, fromB);

            // Then B is answered while most of A's backlog is still waiting
            long[] bAtModel = {0};
            Awaitility.await().atMost(B_GIVES_UP).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (bAtModel[0] == 0 && SlowModelResource.model.calls(B_TEXT) > 0) {
                    bAtModel[0] = System.nanoTime();
                }
                return !replies.events(ReplyReady.class, r -> r.inReplyTo().equals(fromB.data().messageId()))
                        .isEmpty();
            });
            Duration waited = Duration.ofNanos(System.nanoTime() - sentB);
            int answeredA = distinctReplies(replies, idsA).size();
            // Where B's time went: before its model call (intake, queueing) or after it (commit, publish)
            LOG.infof("B answered after %d ms (its model call arrived after %d ms), when %d of A's %d messages were"
                    + " answered", waited.toMillis(), bAtModel[0] == 0 ? -1 : (bAtModel[0] - sentB) / 1_000_000,
                    answeredA, backlog.size());
            // B did not queue behind A's backlog: few of A's messages were answered before B's
            assertThat(answeredA).as("A's replies when B was answered").isLessThan(AHEAD_OF_B);

            // And every one of A's messages is answered, exactly once, each conversation's replies in send order
            Awaitility.await().atMost(BACKLOG_DRAINED).pollInterval(Duration.ofSeconds(1))
                    .until(() -> distinctReplies(replies, idsA).size() >= backlog.size());
            List<CloudEvent<ReplyReady>> received = distinctReplies(replies, idsA);
            assertThat(received).hasSize(backlog.size());
            assertThat(received.stream().map(r -> r.data().inReplyTo()).collect(Collectors.toSet())).isEqualTo(idsA);
            sentA.forEach((conversation, messages) -> assertThat(received.stream()
                    .filter(r -> r.data().conversationId().equals(conversation))
                    .map(r -> r.data().inReplyTo())
                    .toList()).as(conversation).containsExactlyElementsOf(messages));
        } finally {
            SlowModelResource.model.delay(Duration.ofMillis(400));
        }
    }

    /**
     * Sends the whole backlog in batches and waits for the broker only at the end: sent one by one (as
     * {@link Events#publish} does) the worker keeps pace with the sender and no backlog builds up.
     */
    private void publishAtOnce(List<CloudEvent<MessageReceived>> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG,
                        "all", ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = events.stream().map(e -> producer.send(Events.CODEC.encode(e)))
                    .toList();
            for (Future<RecordMetadata> ack : sent) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish the backlog", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replies to the given messages, by reply id in the order each id was first seen: the outbox relay may publish
     * an event a second time under the same id, which consumers deduplicate.
     */
    private static List<CloudEvent<ReplyReady>> distinctReplies(EventProbe replies, Set<String> messageIds) {
        Map<String, CloudEvent<ReplyReady>> firstById = new LinkedHashMap<>();
        replies.events(ReplyReady.class, r -> messageIds.contains(r.inReplyTo()))
                .forEach(e -> firstById.putIfAbsent(e.id(), e));
        return List.copyOf(firstById.values());
    }
}
