package ai.aleff.platform.messaging;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.contracts.CloudEventAttributes;
import ai.aleff.contracts.EventType;
import ai.aleff.platform.events.CloudEvent;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode, for platform events. */
@ApplicationScoped
public class CloudEventCodec {

    private final ObjectMapper json;

    public CloudEventCodec(ObjectMapper json) {
        this.json = json;
    }

    public ProducerRecord<String, byte[]> encode(CloudEvent<?> event) {
        byte[] value;
        try {
            value = json.writeValueAsBytes(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + event.type(), e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), value);
        Headers headers = record.headers();
        put(headers, CloudEventAttributes.SPECVERSION, CloudEventAttributes.SPEC_VERSION);
        put(headers, CloudEventAttributes.ID, event.id());
        put(headers, CloudEventAttributes.SOURCE, event.source().toString());
        put(headers, CloudEventAttributes.TYPE, event.type().ceType());
        put(headers, CloudEventAttributes.TIME, event.time().toString());
        put(headers, CloudEventAttributes.TENANT_ID, event.tenantId());
        if (event.conversationId() != null) {
            put(headers, CloudEventAttributes.CONVERSATION_ID, event.conversationId());
        }
        put(headers, CloudEventAttributes.CONTENT_TYPE, CloudEventAttributes.JSON);
        return record;
    }

    /**
     * Reads a record as an event of the expected payload type.
     *
     * @throws MalformedEventException when headers are missing, the type differs, or the JSON does not bind
     */
    public <T extends Record> CloudEvent<T> decode(ConsumerRecord<String, byte[]> record, Class<T> payloadType) {
        Headers headers = record.headers();
        String specVersion = required(headers, CloudEventAttributes.SPECVERSION);
        if (!CloudEventAttributes.SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("Unsupported CloudEvents specversion " + specVersion);
        }
        EventType type;
        try {
            type = EventType.ofCeType(required(headers, CloudEventAttributes.TYPE));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage(), e);
        }
        if (!type.payloadType().equals(payloadType)) {
            throw new MalformedEventException("Expected " + payloadType.getSimpleName() + " but got " + type);
        }
        if (record.value() == null) {
            throw new MalformedEventException("Event without a value");
        }
        try {
            T data = json.readValue(record.value(), payloadType);
            return new CloudEvent<>(required(headers, CloudEventAttributes.ID),
                    URI.create(required(headers, CloudEventAttributes.SOURCE)), type,
                    Instant.parse(required(headers, CloudEventAttributes.TIME)),
                    required(headers, CloudEventAttributes.TENANT_ID),
                    optional(headers, CloudEventAttributes.CONVERSATION_ID), data);
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            throw new MalformedEventException("Cannot read " + type + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a record as an event of the expected payload type whose payload belongs where its envelope says.
     *
     * @throws MalformedEventException as {@link #decode(ConsumerRecord, Class)}, or when the payload's tenant or
     *         conversation is missing or differs from the envelope's, or the record key differs from the envelope's
     */
    public <T extends Record> CloudEvent<T> decode(ConsumerRecord<String, byte[]> record, Class<T> payloadType,
            PayloadScope<? super T> scope) {
        CloudEvent<T> event = decode(record, payloadType);
        String tenant = scope.tenant().apply(event.data());
        if (tenant == null || tenant.isBlank() || !tenant.equals(event.tenantId())) {
            throw new MalformedEventException("Payload tenant differs from the envelope's in event " + event.id());
        }
        if (scope.conversation() != null) {
            String conversation = scope.conversation().apply(event.data());
            if (conversation == null || conversation.isBlank() || !conversation.equals(event.conversationId())) {
                throw new MalformedEventException(
                        "Payload conversation differs from the envelope's in event " + event.id());
            }
        }
        if (record.key() != null && !record.key().equals(event.key())) {
            throw new MalformedEventException("Record key differs from the envelope's tenant/conversation in event "
                    + event.id());
        }
        return event;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("Missing CloudEvents header " + name);
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
