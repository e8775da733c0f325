package ai.aleff.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import ai.aleff.contracts.events.ApiKeyUsed;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.EndUserIdentity;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.QuotaExhausted;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.contracts.events.WidgetAppearance;
import ai.aleff.contracts.events.WidgetSettings;

/** The AsyncAPI document and the JSON Schemas must describe exactly the event records in code. */
class AsyncApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123Z");

    private static final Map<EventType, Record> SAMPLES = withChannelConnection(Map.of(
            EventType.MESSAGE_RECEIVED,
            new MessageReceived("m-1", "t-1", "c-1", "u-1", "telegram", "client-1", "hello", NOW, true,
                    new MessageReceived.ChannelDetails("Ada", MessageReceived.ChatKind.GROUP, "17", "4711", true,
                            List.of(new MessageReceived.Media("photo", "image/jpeg", 120_000L),
                                    new MessageReceived.Media("sticker", null, null)))),
            EventType.REPLY_READY, new ReplyReady("r-1", "t-1", "c-1", "m-1", "api", "hi", "offline", NOW),
            EventType.TOOL_CALL_REQUESTED,
            new ToolCallRequested("call-1", "t-1", "c-1", "turn-1", "u-1", "turn-1:0", "calculator",
                    "{\"expression\":\"1+1\"}", NOW, true),
            EventType.TOOL_CALL_COMPLETED,
            new ToolCallCompleted("call-1", "t-1", "c-1", "turn-1", "calculator", ToolCallCompleted.Status.OK, "2",
                    null, NOW),
            EventType.AUDIT_RECORD,
            new AuditRecord("a-1", "t-1", "c-1", "agent-worker", "reply.published", "r-1", "1 tool call", NOW),
            EventType.TENANT_CONFIGURATION_CHANGED,
            new TenantConfigurationChanged("t-1", "Acme", TenantConfigurationChanged.Status.ACTIVE,
                    List.of("a".repeat(64)), 1, NOW,
                    new AssistantConfiguration(3, "Be brief.",
                            List.of(new AssistantConfiguration.ModelChoice("anthropic", "claude-sonnet-4-5", null,
                                    new AssistantConfiguration.EncryptedSecret("k1", "AAAA", "wxyz",
                                            AssistantConfiguration.EncryptedSecret.BOUND)),
                                    new AssistantConfiguration.ModelChoice("openai", "gpt-4o-mini", null, null)),
                            List.of("calculator"),
                            List.of(new AssistantConfiguration.Subagent("researcher", "Looks things up", "Be precise.",
                                    List.of(), List.of("time_now"))),
                            List.of(new AssistantConfiguration.Skill("refunds", "How to handle refund requests",
                                    "# Refunds\nAsk for the order number.")),
                            10, 8000,
                            new AssistantConfiguration.Transcription("https://api.openai.com/v1", "whisper-1",
                                    new AssistantConfiguration.EncryptedSecret("k1", "CCCC", "abcd",
                                            AssistantConfiguration.EncryptedSecret.BOUND))),
                    Map.of("a".repeat(64), NOW.plusSeconds(3600)), new TenantLimits(120, null, 5, null, 200000L, null),
                    new EndUserIdentity(new AssistantConfiguration.EncryptedSecret("k1", "AAAA", "wxyz", 2), NOW,
                            true),
                    new WidgetSettings(List.of("https://shop.example.com", "http://127.0.0.1:3000"), true,
                            new WidgetAppearance("Shop help", "#0a7d3c", "Hi! Ask about orders.", "left"))),
            EventType.API_KEY_USED, new ApiKeyUsed("r-1", "t-1", "a".repeat(64), NOW),
            EventType.USAGE_RECORDED,
            new UsageRecorded("u-1", "t-1", "c-1", "turn-1", "openai", "gpt-4o-mini", 1200, 80,
                    new BigDecimal("0.000228"), "USD", NOW, "turn-1"),
            EventType.QUOTA_EXHAUSTED,
            new QuotaExhausted("quota:t-1:tokens-per-day:2026-12-01T00:00:00Z", "t-1", "tokens-per-day", 100000,
                    100412, NOW.truncatedTo(java.time.temporal.ChronoUnit.DAYS),
                    NOW.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plusSeconds(86400), "c-1", "turn-2", NOW)));

    // Map.of stops at ten entries.
    private static Map<EventType, Record> withChannelConnection(Map<EventType, Record> samples) {
        Map<EventType, Record> all = new HashMap<>(samples);
        all.put(EventType.CHANNEL_CONNECTION_CHANGED,
                new ChannelConnectionChanged("t-1", "Q2hhbm5lbENvbm5lY3Rpb24", ChannelConnectionChanged.Type.TELEGRAM,
                        "Support bot", ChannelConnectionChanged.Status.ACTIVE, ChannelConnectionChanged.Mode.WEBHOOK,
                        new ChannelConnectionChanged.Settings(ChannelConnectionChanged.GroupBehaviour.MENTIONED,
                                List.of("-1001234567890"), List.of("42"), null),
                        new ChannelConnectionChanged.Account("7000000001", "support_bot"),
                        Map.of(ChannelConnectionChanged.BOT_TOKEN,
                                new AssistantConfiguration.EncryptedSecret("k1", "AAAA", "wxyz",
                                        AssistantConfiguration.EncryptedSecret.BOUND),
                                ChannelConnectionChanged.WEBHOOK_SECRET,
                                new AssistantConfiguration.EncryptedSecret("k1", "BBBB", null,
                                        AssistantConfiguration.EncryptedSecret.BOUND)),
                        1, NOW));
        return Map.copyOf(all);
    }

    private static JsonNode asyncApi() throws IOException {
        try (InputStream in = resource("asyncapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    private static JsonNode schema(EventType type) throws IOException {
        try (InputStream in = resource(type.schemaResource())) {
            return JSON.readTree(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EventType.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("classpath resource %s", name).isNotNull();
        return in;
    }

    @Test
    void documentsExactlyTheTopicsInCode() throws IOException {
        // Given the AsyncAPI channels
        Set<String> documented = new TreeSet<>();
        asyncApi().get("channels").forEach(channel -> documented.add(channel.get("address").asText()));

        // Then they are the platform's topics, no more, no less
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void documentsEveryEventOnItsTopicWithItsSchema(EventType type) throws IOException {
        // Given the document
        JsonNode doc = asyncApi();

        // When the channel for the event's topic is looked up
        List<JsonNode> channels = new ArrayList<>();
        doc.get("channels").forEach(channel -> {
            if (type.topic().equals(channel.get("address").asText())) {
                channels.add(channel);
            }
        });

        // Then it carries exactly one message, whose CloudEvents type and payload schema match the code
        assertThat(channels).hasSize(1);
        JsonNode messageRefs = channels.get(0).get("messages");
        assertThat(messageRefs.size()).isEqualTo(1);
        String ref = messageRefs.elements().next().get("$ref").asText();
        JsonNode message = doc.at(ref.substring(1));
        assertThat(message.isMissingNode()).as("message %s", ref).isFalse();
        assertThat(message.get("x-cloudevents-type").asText()).isEqualTo(type.ceType());
        assertThat(message.at("/payload/$ref").asText()).isEqualTo(type.schemaResource());
        assertThat(message.get("name").asText()).isEqualTo(type.payloadType().getSimpleName());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaPropertiesMatchTheRecordComponents(EventType type) throws IOException {
        // Given the event's schema and record
        JsonNode schema = schema(type);
        Set<String> components = Arrays.stream(type.payloadType().getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> properties = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(r -> required.add(r.asText()));

        // Then names match one to one, required fields exist, and primitives are required
        assertThat(properties).isEqualTo(components);
        assertThat(properties).containsAll(required);
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        Arrays.stream(type.payloadType().getRecordComponents())
                .filter(c -> c.getType().isPrimitive())
                .forEach(c -> assertThat(required).as("primitive %s", c.getName()).contains(c.getName()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serialisedEventsValidateAgainstTheirSchema(EventType type) throws IOException {
        // Given a sample event serialised the way the platform does it
        JsonNode instance = JSON.valueToTree(SAMPLES.get(type));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema(type));

        // When validated
        Set<ValidationMessage> errors = schema.validate(instance);

        // Then the schema accepts it
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemasRejectEventsMissingARequiredField(EventType type) throws IOException {
        // Given a sample event without its first required field
        JsonNode schemaNode = schema(type);
        Map<String, Object> instance = JSON.convertValue(SAMPLES.get(type), HashMap.class);
        instance.remove(schemaNode.get("required").get(0).asText());

        // When validated
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schemaNode)
                .validate(JSON.valueToTree(instance));

        // Then the schema refuses it
        assertThat(errors).isNotEmpty();
    }

    @Test
    void recordsPublishedBeforeTheEndUserFieldsReadAsUnverifiedWithoutMemory() throws IOException {
        // Given events as they were published before userVerified, memoryAllowed and endUsers existed
        String message = "{\"messageId\":\"m-1\",\"tenantId\":\"t-1\",\"conversationId\":\"c-1\","
                + "\"userId\":\"u-1\",\"channel\":\"api\",\"text\":\"hi\",\"receivedAt\":\"2026-11-24T10:15:30Z\"}";
        String call = "{\"callId\":\"call-1\",\"tenantId\":\"t-1\",\"conversationId\":\"c-1\",\"turnId\":\"m-1\","
                + "\"userId\":\"u-1\",\"idempotencyKey\":\"m-1:0\",\"toolName\":\"remember\",\"arguments\":\"{}\","
                + "\"requestedAt\":\"2026-11-24T10:15:30Z\"}";
        String config = "{\"tenantId\":\"t-1\",\"name\":\"Acme\",\"status\":\"ACTIVE\",\"apiKeyHashes\":[],"
                + "\"version\":1,\"changedAt\":\"2026-11-24T10:15:30Z\"}";

        // When read; Then nobody is verified, no call may use memory, and no tenant has an identity secret
        assertThat(JSON.readValue(message, MessageReceived.class).userVerified()).isFalse();
        assertThat(JSON.readValue(message, MessageReceived.class).channelDetails()).isNull();
        assertThat(JSON.readValue(call, ToolCallRequested.class).memoryAllowed()).isFalse();
        assertThat(JSON.readValue(config, TenantConfigurationChanged.class).endUsers())
                .isEqualTo(EndUserIdentity.none());
        assertThat(JSON.readValue(config, TenantConfigurationChanged.class).widget())
                .isEqualTo(WidgetSettings.off());
    }

    @Test
    void deletedChannelConnectionWithoutSettingsOrCredentialsReadsAsDefaultsAndNoSecrets() throws IOException {
        // Given a DELETED record as tenant-service publishes it on erasure: no settings, no credentials
        String deleted = "{\"tenantId\":\"t-1\",\"connectionId\":\"Q2hhbm5lbENvbm5lY3Rpb24\",\"type\":\"TELEGRAM\","
                + "\"displayName\":\"Support bot\",\"status\":\"DELETED\",\"mode\":\"POLLING\",\"version\":4,"
                + "\"changedAt\":\"2026-11-24T10:15:30Z\"}";

        // When read
        ChannelConnectionChanged record = JSON.readValue(deleted, ChannelConnectionChanged.class);

        // Then it has mention-gated, unrestricted settings and no credential at all
        assertThat(record.settings()).isEqualTo(ChannelConnectionChanged.Settings.defaults());
        assertThat(record.credentials()).isEmpty();
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrder(EventType.values());
    }
}
