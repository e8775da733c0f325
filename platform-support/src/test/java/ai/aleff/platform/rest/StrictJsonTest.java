package ai.aleff.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.MalformedEventException;

class StrictJsonTest {

    private final ObjectMapper json = strict();

    record Sample(String name, int count, boolean flag) {
    }

    record Samples(List<Sample> samples) {
    }

    @Test
    void duplicateKeyIsAParseFailureThatNamesTheKey() {
        // When a body repeats a key
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
                () -> json.readValue("{\"name\":\"a\",\"count\":1,\"name\":\"b\",\"flag\":true}", Sample.class));

        // Then the problem detail names it
        assertThat(JsonProblems.duplicateKey(failure)).isEqualTo("name");
        assertThat(JsonProblems.detail(failure))
                .isEqualTo("Field 'name' appears more than once; send each field once.");
    }

    @Test
    void duplicateKeyInANestedObjectIsRefusedToo() {
        assertThatThrownBy(() -> json.readTree("{\"outer\":{\"k\":1,\"k\":2}}"))
                .isInstanceOfSatisfying(JsonProcessingException.class,
                        e -> assertThat(JsonProblems.duplicateKey(e)).isEqualTo("k"));
    }

    @Test
    void duplicateKeyInsideABoundListIsNamedThoughJacksonWrapsIt() {
        // When the repeated key sits in an element of a list (Jackson wraps the parser's exception with the path)
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
                () -> json.readValue("{\"samples\":[{\"name\":\"a\",\"count\":1,\"flag\":true,\"count\":2}]}",
                        Samples.class));

        // Then
        assertThat(JsonProblems.detail(failure))
                .isEqualTo("Field 'count' appears more than once; send each field once.");
    }

    @Test
    void otherSyntaxErrorsAreNotReportedAsDuplicates() {
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
                () -> json.readTree("{\"name\": }"));

        assertThat(JsonProblems.duplicateKey(failure)).isNull();
        assertThat(JsonProblems.detail(failure)).isEqualTo("The body is not valid JSON.");
    }

    @Test
    void scalarsAreNotCoerced() {
        assertThatThrownBy(() -> json.readValue("{\"name\":5,\"count\":1,\"flag\":true}", Sample.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\",\"count\":\"1\",\"flag\":true}", Sample.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\",\"count\":2.5,\"flag\":true}", Sample.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\",\"count\":1,\"flag\":\"true\"}", Sample.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void eventWithADuplicateKeyIsMalformedNotACrash() {
        // Given an event whose payload repeats "text"
        CloudEventCodec codec = new CloudEventCodec(json);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        ProducerRecord<String, byte[]> encoded = codec.encode(CloudEvent.of("channel-ingress", "m-1", "t-1", "c-1",
                now, new MessageReceived("m-1", "t-1", "c-1", "u-1", "api", null, "hello", now)));
        String payload = new String(encoded.value(), StandardCharsets.UTF_8).replaceFirst("\\}$",
                ",\"text\":\"injected\"}");
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(encoded.topic(), 0, 0, encoded.key(),
                payload.getBytes(StandardCharsets.UTF_8));
        encoded.headers().forEach(consumed.headers()::add);

        // When / Then it is a malformed event (dead-lettered by its consumer), naming the key
        assertThatThrownBy(() -> codec.decode(consumed, MessageReceived.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Duplicate field 'text'");
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new StrictJson().customize(mapper);
        return mapper;
    }
}
