package ai.aleff.audit.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import ai.aleff.audit.config.AuditSettings;
import ai.aleff.audit.repository.AuditRecordRepository;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.CloudEventCodec;
import ai.aleff.platform.messaging.MalformedEventException;
import ai.aleff.platform.messaging.PayloadScope;
import ai.aleff.platform.metrics.PlatformMeters;

/**
 * Stores audit records a poll at a time. Malformed records go to the dead-letter topic, the rest are inserted in one
 * batch; offsets are committed only after both. A redelivered record id is skipped by the insert, which is this
 * consumer's deduplication by event id.
 */
@ApplicationScoped
public class AuditRecordConsumer {

    private static final Logger LOG = Logger.getLogger(AuditRecordConsumer.class);
    /** Longest value accepted per field, so one hostile record cannot bloat the table. */
    static final int MAX_ID_LENGTH = 256;
    static final int MAX_DETAIL_LENGTH = 4000;

    private final CloudEventCodec codec;
    private final AuditRecordRepository repository;
    private final DeadLetters deadLetters;
    private final AuditSettings settings;
    private final PlatformMeters meters;

    public AuditRecordConsumer(CloudEventCodec codec, AuditRecordRepository repository, DeadLetters deadLetters,
            AuditSettings settings, PlatformMeters meters) {
        this.meters = meters;
        this.codec = codec;
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.settings = settings;
    }

    @Incoming("audit-records")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        List<AuditRecord> valid = new ArrayList<>(batch.count());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                valid.add(read(record));
            } catch (MalformedEventException e) {
                LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
                rejected.add(new DeadLetters.Rejected(record, e.getMessage()));
            }
        }
        return deadLetters.sendAll(rejected).chain(() -> store(valid));
    }

    private Uni<Void> store(List<AuditRecord> records) {
        return repository.insertAll(records)
                .onFailure()
                .invoke(e -> LOG.warnf("Storing %d audit records failed (%s)", records.size(), e.toString()))
                .onFailure()
                .retry()
                .withBackOff(settings.storeBackoff(), settings.storeBackoff().multipliedBy(10))
                .atMost(Math.max(0, settings.storeAttempts() - 1))
                .invoke(() -> meters.auditRecords(records.size()));
    }

    private AuditRecord read(ConsumerRecord<String, byte[]> record) {
        CloudEvent<AuditRecord> event = codec.decode(record, AuditRecord.class,
                PayloadScope.tenant(AuditRecord::tenantId));
        AuditRecord r = event.data();
        require(r.recordId(), "recordId", MAX_ID_LENGTH);
        require(r.tenantId(), "tenantId", MAX_ID_LENGTH);
        require(r.service(), "service", MAX_ID_LENGTH);
        require(r.action(), "action", MAX_ID_LENGTH);
        limit(r.conversationId(), "conversationId", MAX_ID_LENGTH);
        limit(r.subjectId(), "subjectId", MAX_ID_LENGTH);
        limit(r.detail(), "detail", MAX_DETAIL_LENGTH);
        // The event time stands in for a missing occurredAt, so ordering still works.
        return r.occurredAt() != null
                ? r
                : new AuditRecord(r.recordId(), r.tenantId(), r.conversationId(), r.service(), r.action(),
                        r.subjectId(), r.detail(), event.time());
    }

    private static void require(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("AuditRecord without " + field);
        }
        limit(value, field, maxLength);
    }

    private static void limit(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new MalformedEventException("AuditRecord " + field + " longer than " + maxLength);
        }
    }
}
