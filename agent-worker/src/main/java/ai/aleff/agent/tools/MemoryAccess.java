package ai.aleff.agent.tools;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.Turn;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.tenancy.TenantView;

/**
 * Whether a turn may use the memory tools, which keep facts per end user: memory acts for a user the channel vouched
 * for (a verified user), or, when the tenant allows it, for an unverified one in a one-to-one conversation. Never for
 * an unverified user in a group (anyone there may claim another's user id), never when the tenant is unknown.
 */
@ApplicationScoped
public class MemoryAccess {

    private final Pool pool;
    private final HistoryRepository history;

    public MemoryAccess(Pool pool, HistoryRepository history) {
        this.pool = pool;
        this.history = history;
    }

    public Uni<Boolean> allowed(Turn turn, Optional<TenantView> snapshot) {
        if (turn.userVerified()) {
            return Uni.createFrom().item(true);
        }
        boolean unverifiedAllowed = snapshot.map(tenant -> tenant.endUsers().unverifiedMemoryInOneToOne())
                .orElse(false);
        if (!unverifiedAllowed) {
            return Uni.createFrom().item(false);
        }
        // The user's conversation, also for a subagent's child turn (whose transcript has one speaker only).
        return RowScope.inTenant(pool, turn.tenantId(),
                c -> history.hasOtherSpeaker(c, turn.tenantId(), turn.conversationId(), turn.userId()))
                .map(other -> !other);
    }
}
