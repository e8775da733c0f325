package ai.aleff.agent.recovery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.turn.TurnService;
import ai.aleff.platform.concurrent.Sweep;
import ai.aleff.platform.database.RowScope;

/**
 * Resumes RUNNING turns whose worker died between steps: a turn untouched for {@code aleff.agent.stale-turn-after}
 * gets its next step here. Safe on every worker at once: a step only applies while the turn is still at the
 * iteration it read, so a duplicate resumption does nothing.
 */
@ApplicationScoped
public class StaleTurnResumer {

    private static final Logger LOG = Logger.getLogger(StaleTurnResumer.class);
    private static final int BATCH = 100;

    private final Pool pool;
    private final TurnRepository turns;
    private final TurnService turnService;
    private final AgentSettings settings;

    public StaleTurnResumer(Pool pool, TurnRepository turns, TurnService turnService, AgentSettings settings) {
        this.pool = pool;
        this.turns = turns;
        this.turnService = turnService;
        this.settings = settings;
    }

    @Scheduled(identity = "stale-turn-resumer", every = "${aleff.agent.stale-turn-sweep-interval:5s}", delayed = "${aleff.agent.stale-turn-sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resumeStale() {
        // Cross-tenant: the sweep looks for every tenant's abandoned turns; each is then resumed in its own tenant.
        Uni<List<TurnRepository.StaleTurn>> stale = RowScope.acrossTenants(pool,
                c -> turns.staleRunning(c, settings.staleTurnAfter(), BATCH));
        return Sweep.each(stale, turn -> {
            LOG.infof("Resuming stale turn %s", turn.turnId());
            return turnService.advance(turn.tenantId(), turn.turnId());
        }, LOG, "Resuming stale turns");
    }
}
