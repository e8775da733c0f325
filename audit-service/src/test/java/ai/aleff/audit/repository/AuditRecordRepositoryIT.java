package ai.aleff.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class AuditRecordRepositoryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AuditRecordRepository repository;

    @Test
    void batchWithRepeatedAndAlreadyStoredRecordsStoresEachRecordOnce() {
        // Given a conversation with one record already stored
        String tenant = "t-" + UUID.randomUUID();
        String conversation = "c-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        AuditRecord stored = record(tenant, conversation, "first", t0);
        repository.insertAll(List.of(stored)).await().atMost(WAIT);

        // When a batch repeats it, and holds another record twice (a redelivery inside one poll)
        AuditRecord fresh = record(tenant, conversation, "second", t0.plusSeconds(1));
        repository.insertAll(List.of(fresh, stored, fresh)).await().atMost(WAIT);

        // Then both are stored exactly once
        assertThat(repository.findByConversation(tenant, conversation, 10).await().atMost(WAIT))
                .extracting(StoredAuditRecord::recordId).containsExactly(stored.recordId(), fresh.recordId());
    }

    @Test
    void optionalFieldsAndUnusualTextRoundTrip() {
        // Given a record without subject and detail, and one with quotes, braces, commas and non-Latin text
        String tenant = "t-" + UUID.randomUUID();
        String conversation = "c-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-03-02T00:00:00.123456Z");
        AuditRecord bare = new AuditRecord("r-" + UUID.randomUUID(), tenant, conversation, "svc", "bare", null, null,
                t0);
        String awkward = "{\"a\",'b'} NULL, \\ \u00e7\u00e3o \u65e5\u672c \ud83d\ude00";
        AuditRecord odd = new AuditRecord("r-" + UUID.randomUUID(), tenant, conversation, "svc", "odd", awkward,
                awkward, t0.plusSeconds(1));

        // When they are stored in one batch
        repository.insertAll(List.of(bare, odd)).await().atMost(WAIT);

        // Then they read back unchanged
        List<StoredAuditRecord> read = repository.findByConversation(tenant, conversation, 10).await().atMost(WAIT);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).subjectId()).isNull();
        assertThat(read.get(0).detail()).isNull();
        assertThat(read.get(0).occurredAt()).isEqualTo(t0);
        assertThat(read.get(1).subjectId()).isEqualTo(awkward);
        assertThat(read.get(1).detail()).isEqualTo(awkward);
    }

    @Test
    void largeBatchIsStoredCompletely() {
        // Given a thousand records (the consumer's largest poll)
        String tenant = "t-" + UUID.randomUUID();
        String conversation = "c-" + UUID.randomUUID();
        List<AuditRecord> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(record(tenant, conversation, "a" + i, Instant.parse("2026-03-03T00:00:00Z").plusMillis(i)));
        }

        // When they are stored in one statement
        repository.insertAll(batch).await().atMost(WAIT);

        // Then all of them are there
        assertThat(repository.findByConversation(tenant, conversation, 2000).await().atMost(WAIT)).hasSize(1000);
    }

    private static AuditRecord record(String tenant, String conversation, String action, Instant at) {
        return new AuditRecord("r-" + UUID.randomUUID(), tenant, conversation, "agent-worker", action, "s-1", "d",
                at);
    }
}
