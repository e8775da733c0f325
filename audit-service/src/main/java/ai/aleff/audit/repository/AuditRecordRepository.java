package ai.aleff.audit.repository;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.events.AuditRecord;

/** The append-only {@code audit.audit_record} table. There is deliberately no update or delete. */
@ApplicationScoped
public class AuditRecordRepository {

    private static final String INSERT = """
            INSERT INTO audit.audit_record
                (record_id, tenant_id, conversation_id, service, action, subject_id, detail, occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (record_id) DO NOTHING""";
    private static final String BY_CONVERSATION = """
            SELECT record_id, service, action, subject_id, detail, occurred_at
            FROM audit.audit_record
            WHERE tenant_id = $1 AND conversation_id = $2
            ORDER BY occurred_at, record_id
            LIMIT $3""";

    private final Pool pool;

    public AuditRecordRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the records in one pipelined batch; a record id already stored is skipped, so redelivery is safe. */
    public Uni<Void> insertAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = records.stream().map(AuditRecordRepository::row).toList();
        return pool.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    /** The tenant's records of one conversation, oldest first. */
    public Uni<List<StoredAuditRecord>> findByConversation(String tenantId, String conversationId, int limit) {
        return pool.preparedQuery(BY_CONVERSATION)
                .execute(Tuple.of(tenantId, conversationId, limit))
                .map(rows -> {
                    List<StoredAuditRecord> result = new ArrayList<>(rows.size());
                    rows.forEach(row -> result.add(read(row)));
                    return result;
                });
    }

    private static Tuple row(AuditRecord r) {
        return Tuple.from(Arrays.asList(r.recordId(), r.tenantId(), r.conversationId(), r.service(), r.action(),
                r.subjectId(), r.detail(), r.occurredAt().atOffset(ZoneOffset.UTC)));
    }

    private static StoredAuditRecord read(Row row) {
        return new StoredAuditRecord(row.getString("record_id"), row.getString("service"), row.getString("action"),
                row.getString("subject_id"), row.getString("detail"),
                row.getOffsetDateTime("occurred_at").toInstant());
    }
}
