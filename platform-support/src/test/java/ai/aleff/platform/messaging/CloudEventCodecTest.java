package ai.aleff.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.platform.events.CloudEvent;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec(
            new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    private final Instant now = Instant.parse("2026-11-24T01:02:03Z");
    private final CloudEvent<MessageReceived> event = CloudEvent.of("channel-ingress", "m-1", "t-1", "c-1", now,
            new MessageReceived("m-1", "t-1", "c-1", "u-1", "api", null, "hello", now));

    @Test
    void aChannelConnectionIsKeyedByItsConnectionIdSoCompactionKeepsEachConnection() {
        // Given two connections of one tenant
        CloudEvent<ChannelConnectionChanged> first = connection("conn-a");
        CloudEvent<ChannelConnectionChanged> second = connection("conn-b");

        // When they are encoded, Then each record is keyed by its own connection id, on the compacted topic
        assertThat(codec.encode(first).key()).isEqualTo("conn-a");
        assertThat(codec.encode(second).key()).isEqualTo("conn-b");
        assertThat(codec.encode(first).topic()).isEqualTo(Topics.CHANNEL_CONNECTIONS);
        // And the scoped decode accepts the key it was given
        ProducerRecord<String, byte[]> encoded = codec.encode(first);
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(encoded.topic(), 0, 0, encoded.key(),
                encoded.value());
        encoded.headers().forEach(h -> consumed.headers().add(h));
        assertThat(codec.decode(consumed, ChannelConnectionChanged.class,
                PayloadScope.tenant(ChannelConnectionChanged::tenantId)).data().connectionId()).isEqualTo("conn-a");
    }

    private CloudEvent<ChannelConnectionChanged> connection(String connectionId) {
        return CloudEvent.of("tenant-service", "e-" + connectionId, "t-1", null, now,
                new ChannelConnectionChanged("t-1", connectionId, ChannelConnectionChanged.Type.TELEGRAM, "Bot",
                        ChannelConnectionChanged.Status.ACTIVE, ChannelConnectionChanged.Mode.POLLING, null, null,
                        null, 1, now));
    }

    @Test
    void encodesBinaryModeHeadersKeyAndTopic() {
        // When the event is encoded
        ProducerRecord<String, byte[]> record = codec.encode(event);

        // Then it is a binary-mode CloudEvent on the inbound topic, keyed by tenant/conversation
        assertThat(record.topic()).isEqualTo(Topics.CONVERSATION_INBOUND);
        assertThat(record.key()).isEqualTo("t-1/c-1");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo("m-1");
        assertThat(header(record, "ce_type")).isEqualTo("ai.aleff.conversation.message.received.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/aleff/channel-ingress");
        assertThat(header(record, "ce_tenantid")).isEqualTo("t-1");
        assertThat(header(record, "ce_conversationid")).isEqualTo("c-1");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"text\":\"hello\"")
                .contains("\"receivedAt\":\"2026-11-24T01:02:03Z\"");
    }

    @Test
    void decodesWhatItEncodes() {
        // Given an encoded event as a consumer sees it
        ConsumerRecord<String, byte[]> consumed = consumed(codec.encode(event));

        // When decoded
        CloudEvent<MessageReceived> decoded = codec.decode(consumed, MessageReceived.class);

        // Then nothing is lost
        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void refusesAnEventOfAnotherType() {
        ConsumerRecord<String, byte[]> consumed = consumed(codec.encode(event));

        assertThatThrownBy(() -> codec.decode(consumed, ReplyReady.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Expected ReplyReady");
    }

    @Test
    void refusesARecordWithoutCloudEventsHeaders() {
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(Topics.CONVERSATION_INBOUND, 0, 0, "k",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> codec.decode(consumed, MessageReceived.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ce_specversion");
    }

    @Test
    void refusesAPayloadThatIsNotJson() {
        ProducerRecord<String, byte[]> encoded = codec.encode(event);
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(encoded.topic(), 0, 0, encoded.key(),
                "not json".getBytes(StandardCharsets.UTF_8));
        encoded.headers().forEach(h -> consumed.headers().add(h));

        assertThatThrownBy(() -> codec.decode(consumed, MessageReceived.class))
                .isInstanceOf(MalformedEventException.class);
    }

    private static final PayloadScope<MessageReceived> CONVERSATION = PayloadScope
            .conversation(MessageReceived::tenantId, MessageReceived::conversationId);

    @Test
    void decodesAnEventWhosePayloadBelongsWhereItsEnvelopeSays() {
        // When an event is decoded with its scope checked
        CloudEvent<MessageReceived> decoded = codec.decode(consumed(codec.encode(event)), MessageReceived.class,
                CONVERSATION);

        // Then it is the event
        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void refusesAPayloadOfAnotherTenantThanTheEnvelopes() {
        // Given an envelope of tenant t-1 carrying tenant t-2's message
        CloudEvent<MessageReceived> foreign = CloudEvent.of("channel-ingress", "m-1", "t-1", "c-1", now,
                new MessageReceived("m-1", "t-2", "c-1", "u-1", "api", null, "hello", now));

        // Then it is malformed
        assertThatThrownBy(() -> codec.decode(consumed(codec.encode(foreign)), MessageReceived.class, CONVERSATION))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("tenant");
    }

    @Test
    void refusesAPayloadOfAnotherConversationThanTheEnvelopes() {
        // Given an envelope of conversation c-1 carrying conversation c-2's message
        CloudEvent<MessageReceived> elsewhere = CloudEvent.of("channel-ingress", "m-1", "t-1", "c-1", now,
                new MessageReceived("m-1", "t-1", "c-2", "u-1", "api", null, "hello", now));

        // Then it is malformed
        assertThatThrownBy(() -> codec.decode(consumed(codec.encode(elsewhere)), MessageReceived.class, CONVERSATION))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("conversation");
    }

    @Test
    void refusesARecordKeyedForAnotherTenant() {
        // Given a consistent event sent under another tenant's key (so in another tenant's partition order)
        ProducerRecord<String, byte[]> produced = codec.encode(event);
        ProducerRecord<String, byte[]> rekeyed = new ProducerRecord<>(produced.topic(), "t-2/c-1", produced.value());
        produced.headers().forEach(h -> rekeyed.headers().add(h));

        // Then it is malformed
        assertThatThrownBy(() -> codec.decode(consumed(rekeyed), MessageReceived.class, CONVERSATION))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("key");
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(produced.topic(), 0, 0, produced.key(),
                produced.value());
        produced.headers().forEach(h -> consumed.headers().add(h));
        return consumed;
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
