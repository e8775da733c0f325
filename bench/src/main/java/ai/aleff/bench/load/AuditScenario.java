package ai.aleff.bench.load;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.aleff.contracts.CloudEventAttributes;
import ai.aleff.contracts.EventType;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;

/**
 * Scenario 5: audit records persisted per second. N AuditRecord events go straight to the audit topic (CloudEvents
 * binary mode, as services publish them); the clock runs from the first send until PostgreSQL holds all N rows of
 * the benchmark's own tenant (counted with SQL every 100 ms).
 */
final class AuditScenario {

    static final String ID = "audit";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AuditScenario() {
    }

    static ScenarioResult run(BenchContext context) {
        int n = context.options().auditRecords();
        String tenantId = "bench-audit-" + UUID.randomUUID();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.platform().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        long begin = System.nanoTime();
        long sentAt;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(record(tenantId, "audit-conv-" + (i % 100), i), (metadata, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            sentAt = System.nanoTime();
        }
        if (sendFailure.get() != null) {
            throw new IllegalStateException("Publishing audit records failed", sendFailure.get());
        }
        long deadline = begin + Duration.ofSeconds(120).toNanos();
        long stored = 0;
        try (Connection connection = context.platform().postgres().connect();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM audit.audit_record WHERE tenant_id = ?")) {
            count.setString(1, tenantId);
            while (stored < n && System.nanoTime() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    stored = rows.getLong(1);
                }
                if (stored < n) {
                    Sleeper.pause(Duration.ofMillis(100));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting stored audit records failed", e);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        double rate = stored / seconds;
        double publishSeconds = (sentAt - begin) / 1e9;
        String note = n + " records published (acks=all) in " + String.format(java.util.Locale.ROOT, "%.1f",
                publishSeconds) + " s; " + stored + " stored in PostgreSQL after "
                + String.format(java.util.Locale.ROOT, "%.1f", seconds) + " s" + (stored < n ? " (120 s cap)" : "");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("published", n);
        details.put("publishSeconds", publishSeconds);
        details.put("stored", stored);
        details.put("seconds", seconds);
        return new ScenarioResult(ID, List.of(new Figure(ID, "audit records persisted", rate, "records/s",
                Target.atLeast(10_000), note)), details);
    }

    private static ProducerRecord<String, byte[]> record(String tenantId, String conversationId, int i) {
        String id = tenantId + "-" + i;
        Instant now = Instant.now();
        AuditRecord payload = new AuditRecord(id, tenantId, conversationId, "bench", "bench.recorded", "s-" + i,
                "benchmark record " + i, now);
        byte[] value;
        try {
            value = JSON.writeValueAsBytes(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.AUDIT,
                Topics.conversationKey(tenantId, conversationId), value);
        header(record, CloudEventAttributes.SPECVERSION, CloudEventAttributes.SPEC_VERSION);
        header(record, CloudEventAttributes.ID, id);
        header(record, CloudEventAttributes.SOURCE, "/aleff/bench");
        header(record, CloudEventAttributes.TYPE, EventType.AUDIT_RECORD.ceType());
        header(record, CloudEventAttributes.TIME, now.toString());
        header(record, CloudEventAttributes.TENANT_ID, tenantId);
        header(record, CloudEventAttributes.CONVERSATION_ID, conversationId);
        header(record, CloudEventAttributes.CONTENT_TYPE, CloudEventAttributes.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
