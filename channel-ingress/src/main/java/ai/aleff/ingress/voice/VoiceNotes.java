package ai.aleff.ingress.voice;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * The voice-note records: written once by the webhook, claimed by one worker at a time ({@code FOR UPDATE SKIP
 * LOCKED} and a lease, so two instances never work on one note and a dead worker's note is taken again once its
 * lease ran out), settled as DONE or FAILED, or put back for a retry.
 */
@ApplicationScoped
public class VoiceNotes {

    private final Pool pool;

    public VoiceNotes(Pool pool) {
        this.pool = pool;
    }

    /** Records the note unless it is recorded already (a retried webhook writes the same message id again). */
    public Uni<Void> record(VoiceNote n) {
        return RowScope.inTenant(pool, n.tenantId(), tx -> tx.preparedQuery("""
                INSERT INTO ingress.voice_note (tenant_id, message_id, conversation_id, connection_id, channel,
                    user_id, client_message_id, file_id, mime_type, size_bytes, caption)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (tenant_id, message_id) DO NOTHING""")
                .execute(Tuple.tuple()
                        .addString(n.tenantId())
                        .addString(n.messageId())
                        .addString(n.conversationId())
                        .addString(n.connectionId())
                        .addString(n.channel())
                        .addString(n.userId())
                        .addString(n.clientMessageId())
                        .addString(n.fileId())
                        .addString(n.mimeType())
                        .addLong(n.sizeBytes())
                        .addString(n.caption()))
                .replaceWithVoid());
    }

    /** Claims up to {@code limit} due notes for {@code lease}, counting the attempt. */
    public Uni<List<VoiceNote>> claim(int limit, Duration lease) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery("""
                UPDATE ingress.voice_note v SET state = 'WORKING', attempts = v.attempts + 1,
                    lease_until = now() + make_interval(secs => $2), updated_at = now()
                FROM (SELECT tenant_id, message_id FROM ingress.voice_note
                      WHERE (state = 'PENDING' AND next_attempt_at <= now())
                         OR (state = 'WORKING' AND lease_until < now())
                      ORDER BY next_attempt_at
                      LIMIT $1
                      FOR UPDATE SKIP LOCKED) due
                WHERE v.tenant_id = due.tenant_id AND v.message_id = due.message_id
                RETURNING v.*""")
                .execute(Tuple.of(limit, (double) lease.toMillis() / 1000))
                .map(rows -> {
                    List<VoiceNote> notes = new ArrayList<>();
                    for (Row row : rows) {
                        notes.add(read(row));
                    }
                    return notes;
                }));
    }

    /** Settles the note: its message or reply was published. The file id is forgotten. */
    public Uni<Void> done(VoiceNote note, String state) {
        return RowScope.inTenant(pool, note.tenantId(), tx -> tx.preparedQuery("""
                UPDATE ingress.voice_note SET state = $3, file_id = NULL, lease_until = NULL, updated_at = now()
                WHERE tenant_id = $1 AND message_id = $2""")
                .execute(Tuple.of(note.tenantId(), note.messageId(), state))
                .replaceWithVoid());
    }

    /** Puts the note back to be tried again at {@code next}; {@code error} names the failure, never a secret. */
    public Uni<Void> retryAt(VoiceNote note, Instant next, String error) {
        return RowScope.inTenant(pool, note.tenantId(), tx -> tx.preparedQuery("""
                UPDATE ingress.voice_note SET state = 'PENDING', next_attempt_at = $3, lease_until = NULL,
                    last_error = $4, updated_at = now()
                WHERE tenant_id = $1 AND message_id = $2""")
                .execute(Tuple.of(note.tenantId(), note.messageId(), next.atOffset(ZoneOffset.UTC), error))
                .replaceWithVoid());
    }

    /** The note's state, for tests and operators. */
    public Uni<String> state(String tenantId, String messageId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                "SELECT state FROM ingress.voice_note WHERE tenant_id = $1 AND message_id = $2")
                .execute(Tuple.of(tenantId, messageId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("state")));
    }

    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId,
                tx -> tx.preparedQuery("DELETE FROM ingress.voice_note WHERE tenant_id = $1")
                        .execute(Tuple.of(tenantId))
                        .map(rows -> rows.rowCount()));
    }

    private static VoiceNote read(Row row) {
        return new VoiceNote(row.getString("tenant_id"), row.getString("message_id"),
                row.getString("conversation_id"), row.getString("connection_id"), row.getString("channel"),
                row.getString("user_id"), row.getString("client_message_id"), row.getString("file_id"),
                row.getString("mime_type"), row.getLong("size_bytes"), row.getString("caption"),
                row.getInteger("attempts"));
    }
}
