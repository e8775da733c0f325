package ai.aleff.ingress.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * Joins a platform's delivery status of one of our sends to its send record, found by the platform's message id (the
 * id the send got back). The status only moves forward ({@code sent < delivered < read}; {@code failed} is recorded,
 * with its error code, unless the part was read or failed already), so repeated and out-of-order webhooks change
 * nothing. Each change is audited once: {@code delivery.status} for delivered and read, {@code delivery.failed} for
 * failed ({@code sent} only confirms what {@code delivery.sent} said). A status of an id we have no record of (another
 * system's send, a purged record) is ignored.
 */
@ApplicationScoped
public class DeliveryStatuses {

    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String READ = "read";
    public static final String FAILED = "failed";

    private static final Logger LOG = Logger.getLogger(DeliveryStatuses.class);

    private final Pool pool;
    private final DeliveryAudit audit;

    public DeliveryStatuses(Pool pool, DeliveryAudit audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /** Records {@code status} of the send {@code platformMessageId} of a connection; true when it changed a record. */
    public Uni<Boolean> record(String tenantId, String connectionId, String platformMessageId, String status,
            String errorCode) {
        if (!SENT.equals(status) && !DELIVERED.equals(status) && !READ.equals(status) && !FAILED.equals(status)) {
            LOG.debugf("Ignored delivery status %s of connection %s", status, connectionId);
            return Uni.createFrom().item(false);
        }
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                UPDATE ingress.channel_delivery
                SET delivery_status = $4::text, delivery_error = CASE WHEN $4::text = 'failed' THEN $5::text END,
                    delivery_status_at = clock_timestamp(), updated_at = clock_timestamp()
                WHERE tenant_id = $1 AND connection_id = $2 AND platform_message_id = $3
                  AND CASE WHEN $4::text = 'failed' THEN coalesce(delivery_status, '') NOT IN ('read', 'failed')
                      ELSE coalesce(delivery_status, '') <> 'failed'
                          AND coalesce(array_position(ARRAY['sent', 'delivered', 'read'], delivery_status), 0)
                              < array_position(ARRAY['sent', 'delivered', 'read'], $4::text) END
                RETURNING reply_id, part_index, part_count, conversation_id, channel""")
                .execute(Tuple.of(tenantId, connectionId, platformMessageId, status).addString(errorCode)))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        LOG.debugf("Delivery status %s of connection %s changed no send record (unknown id, or "
                                + "not newer)", status, connectionId);
                        return Uni.createFrom().item(false);
                    }
                    return audited(tenantId, rows.iterator().next(), platformMessageId, status, errorCode)
                            .replaceWith(true);
                });
    }

    private Uni<Void> audited(String tenantId, Row row, String platformMessageId, String status, String errorCode) {
        String replyId = row.getString("reply_id");
        int part = row.getInteger("part_index");
        String conversationId = row.getString("conversation_id");
        String what = row.getString("channel") + " message " + platformMessageId + ", part " + (part + 1) + " of "
                + row.getInteger("part_count");
        return switch (status) {
            case DELIVERED, READ -> audit.status(tenantId, conversationId, replyId, part, status, what + ": " + status);
            case FAILED -> audit.record(tenantId, conversationId, replyId, part, DeliveryAudit.FAILED,
                    what + ": the platform reports it failed, error " + (errorCode == null ? "unknown" : errorCode));
            default -> Uni.createFrom().voidItem();
        };
    }
}
