package ai.aleff.ingress.discord;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.ingress.limits.ExpiringState;
import ai.aleff.platform.database.RowScope;

/**
 * The interactions whose reply goes back through their webhook ({@code ingress.discord_interaction}, V11): the token
 * and when it was received, by the database's clock, so every instance agrees on its age. Kept only for the token's
 * life; always scoped by tenant.
 */
@ApplicationScoped
public class DiscordInteractions implements ExpiringState {

    /** Discord's interaction tokens are valid this long; their rows are of no use after it. */
    static final Duration TOKEN_LIFE = Duration.ofMinutes(15);

    private final Pool pool;

    public DiscordInteractions(Pool pool) {
        this.pool = pool;
    }

    /** An interaction's webhook: the application, the token and how many seconds ago it was received. */
    public record Webhook(String applicationId, String token, double ageSeconds) {

        @Override
        public String toString() {
            return "Webhook[applicationId=" + applicationId + ", ageSeconds=" + ageSeconds + "]";
        }
    }

    /** Records the interaction's token; a repeated interaction keeps the first row (and its age). */
    public Uni<Void> store(String tenantId, String connectionId, DiscordInteraction interaction) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                INSERT INTO ingress.discord_interaction (tenant_id, interaction_id, connection_id, application_id,
                    token)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (tenant_id, interaction_id) DO NOTHING""")
                .execute(Tuple.of(tenantId, interaction.id(), connectionId, interaction.applicationId(),
                        interaction.token()))
                .replaceWithVoid());
    }

    /** The webhook of interaction {@code interactionId}; empty when unknown or purged. */
    public Uni<Optional<Webhook>> webhook(String tenantId, String interactionId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT application_id, token,
                    extract(epoch FROM clock_timestamp() - received_at)::float8 AS age_s
                FROM ingress.discord_interaction WHERE tenant_id = $1 AND interaction_id = $2""")
                .execute(Tuple.of(tenantId, interactionId))
                .map(rows -> rows.size() == 0
                        ? Optional.<Webhook>empty()
                        : Optional.of(rows.iterator().next()).map(row -> new Webhook(row.getString("application_id"),
                                row.getString("token"), row.getDouble("age_s")))));
    }

    /**
     * Whether {@code replyId} is the reply that replaces the interaction's deferred response: the first reply to ask
     * takes it (one conditional statement, so two instances agree) and keeps it on a redelivery; every other reply
     * to the same interaction is a follow-up, so it can never overwrite an answer already shown.
     */
    public Uni<Boolean> claimOriginal(String tenantId, String interactionId, String replyId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                UPDATE ingress.discord_interaction SET original_reply = $3
                WHERE tenant_id = $1 AND interaction_id = $2 AND (original_reply IS NULL OR original_reply = $3)""")
                .execute(Tuple.of(tenantId, interactionId, replyId))
                .map(rows -> rows.rowCount() == 1));
    }

    /** Deletes the interactions received longer ago than {@code olderThan}, across tenants; the rows deleted. */
    public Uni<Integer> purge(Duration olderThan) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery("""
                DELETE FROM ingress.discord_interaction WHERE received_at < now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) olderThan.toSeconds()))
                .map(rows -> rows.rowCount()));
    }

    /** The interactions past their token's 15 minutes, on the service's purge timer. */
    @Override
    public Uni<Integer> purgeExpired() {
        return purge(TOKEN_LIFE);
    }

    /** Erases every interaction of a deleted tenant; the rows deleted. */
    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                DELETE FROM ingress.discord_interaction WHERE tenant_id = $1""")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.rowCount()));
    }
}
