package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.Topics;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ConversationViewConsumerIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void malformedReplyGoesToDeadLetterTopicAndLaterRepliesAreStillStored() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        String key = Topics.conversationKey(tenant.tenantId(), conversationId);
        String marker = "garbage-" + UUID.randomUUID();
        try (EventProbe deadLetters = EventProbe.open(bootstrap, Topics.DEAD_LETTER)) {
            // When: a record without CloudEvents headers, then a valid reply on the same partition
            Events.send(bootstrap, List.of(new ProducerRecord<>(Topics.CONVERSATION_OUTBOUND, key,
                    marker.getBytes(StandardCharsets.UTF_8))));
            String replyId = UUID.randomUUID().toString();
            Events.publish(bootstrap,
                    ConversationResourceIT.reply(tenant.tenantId(), conversationId, replyId, "m-1", "still here"));

            // Then the view's consumer dead-letters it, naming itself (the delivery consumer reads the same topic
            // in a group of its own and dead-letters its own copy: which of the two arrives first is not fixed)
            await().atMost(Duration.ofSeconds(30)).until(() -> viewDeadLetter(deadLetters, marker).isPresent());
            Headers headers = viewDeadLetter(deadLetters, marker).orElseThrow().headers();
            Header reason = headers.lastHeader("dead-letter-reason");
            assertThat(reason).as("the dead letter carries its cause").isNotNull();
            assertThat(new String(headers.lastHeader("dead-letter-channel").value(), StandardCharsets.UTF_8))
                    .isEqualTo("conversation-outbound");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().auth()
                            .oauth2(tenant.apiKey())
                            .get("/v1/conversations/{id}/messages", conversationId)
                            .then()
                            .statusCode(200)
                            .body("messages.messageId", equalTo(List.of(replyId))));
        }
    }

    @Test
    void redeliveredReplyIsStoredOnce() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        String replyId = UUID.randomUUID().toString();
        var reply = ConversationResourceIT.reply(tenant.tenantId(), conversationId, replyId, "m-1", "once");

        // When
        Events.publish(bootstrap, reply, reply);
        String later = UUID.randomUUID().toString();
        Events.publish(bootstrap,
                ConversationResourceIT.reply(tenant.tenantId(), conversationId, later, "m-2", "next"));

        // Then
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(tenant.apiKey())
                        .get("/v1/conversations/{id}/messages", conversationId)
                        .then()
                        .statusCode(200)
                        .body("messages.messageId", equalTo(List.of(replyId, later))));
    }

    private static Optional<ConsumerRecord<String, byte[]>> viewDeadLetter(EventProbe deadLetters,
            String marker) {
        return deadLetters.records().stream()
                .filter(r -> marker.equals(new String(r.value(), StandardCharsets.UTF_8)))
                .filter(r -> r.headers().lastHeader("dead-letter-consumer-group") != null
                        && "channel-ingress".equals(new String(
                                r.headers().lastHeader("dead-letter-consumer-group").value(), StandardCharsets.UTF_8)))
                .findFirst();
    }
}
