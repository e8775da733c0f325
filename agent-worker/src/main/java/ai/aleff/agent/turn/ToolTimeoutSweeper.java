package ai.aleff.agent.turn;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.repository.ToolCallRepository;
import ai.aleff.platform.concurrent.Sweep;
import ai.aleff.platform.database.RowScope;

/**
 * Ends the wait for tool results that do not come (tool-executor down, result lost): every worker sweeps for calls
 * pending longer than {@code aleff.agent.tool-timeout} and records a timeout error as their result. Several workers
 * may find the same call; the result is recorded only while the call is still PENDING, under the conversation lock,
 * so exactly one of them (or the real result, if it arrives first) wins, and a later real result is ignored.
 */
@ApplicationScoped
public class ToolTimeoutSweeper {

    private static final Logger LOG = Logger.getLogger(ToolTimeoutSweeper.class);
    private static final int BATCH = 100;

    private final Pool pool;
    private final ToolCallRepository toolCalls;
    private final TurnService turns;
    private final AgentSettings settings;

    public ToolTimeoutSweeper(Pool pool, ToolCallRepository toolCalls, TurnService turns, AgentSettings settings) {
        this.pool = pool;
        this.toolCalls = toolCalls;
        this.turns = turns;
        this.settings = settings;
    }

    @Scheduled(every = "${aleff.agent.tool-timeout-sweep-interval:5s}", delayed = "${aleff.agent.tool-timeout-sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        // Cross-tenant: the sweep looks for every tenant's overdue calls; each is then answered in its own tenant.
        return Sweep.each(RowScope.acrossTenants(pool, c -> toolCalls.overdue(c, settings.toolTimeout(), BATCH)),
                call -> {
                    LOG.infof("Tool call %s (%s) timed out", call.callId(), call.toolName());
                    return turns.onToolTimeout(call);
                }, LOG, "Tool timeout sweep");
    }
}
