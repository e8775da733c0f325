package ai.aleff.tools.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.metrics.PlatformMeters;
import ai.aleff.platform.tracing.ToolSpans;
import ai.aleff.tools.config.ToolSettings;
import ai.aleff.tools.repository.CallTicket;
import ai.aleff.tools.repository.Claim;
import ai.aleff.tools.repository.ClaimLostException;
import ai.aleff.tools.repository.StoredOutcome;
import ai.aleff.tools.repository.ToolCallStore;

/**
 * Completes tool calls at most once per idempotency key: the call is claimed in the durable store first, run only by
 * the claim's owner, and its outcome stored; every later delivery of the key gets the stored outcome. A
 * {@link DatabaseTool}'s writes commit in the same transaction as the outcome, so they happen exactly once.
 */
@ApplicationScoped
public class ToolCallService {

    private static final Logger LOG = Logger.getLogger(ToolCallService.class);

    private final Pool pool;
    private final ToolCallStore store;
    private final ToolRegistry registry;
    private final ToolRunner runner;
    private final ObjectMapper json;
    private final ToolSettings settings;
    private final PlatformMeters meters;

    public ToolCallService(Pool pool, ToolCallStore store, ToolRegistry registry, ToolRunner runner, ObjectMapper json,
            ToolSettings settings, PlatformMeters meters) {
        this.meters = meters;
        this.pool = pool;
        this.store = store;
        this.registry = registry;
        this.runner = runner;
        this.json = json;
        this.settings = settings;
    }

    /**
     * The call's outcome: stored, or from running it now. Fails with {@link RetryLaterException} while another
     * delivery of the same call runs it, and with the database's failure while it is unreachable; both are meant to
     * be retried with the same {@code runToken}.
     *
     * @param runToken identifies this delivery's attempts, so a retry after a failed attempt can reclaim the call
     */
    public Uni<ToolCallCompleted> complete(ToolCallRequested request, UUID runToken) {
        return ToolSpans.executed(String.valueOf(request.toolName()), request.callId(), request.tenantId(),
                completed -> completed.error() != null, () -> claimAndRun(request, runToken));
    }

    private Uni<ToolCallCompleted> claimAndRun(ToolCallRequested request, UUID runToken) {
        String key = idempotencyKey(request);
        return RowScope.inTenant(pool, request.tenantId(), tx -> store.claim(tx, request.tenantId(), key,
                request.callId(), request.toolName(), runToken, settings.claimExpiry()))
                .chain(claim -> switch (claim) {
                    case Claim.Done done -> Uni.createFrom().item(outcome(done.outcome()));
                    case Claim.Busy busy -> Uni.createFrom()
                            .failure(new RetryLaterException("call " + key + " is running elsewhere"));
                    case Claim.Owned owned -> measured(request, owned.ticket());
                })
                .map(outcome -> outcome.ok()
                        ? ToolCallCompleted.ok(request, outcome.result(), outcome.completedAt())
                        : ToolCallCompleted.error(request, outcome.error(), outcome.completedAt()));
    }

    /** Counts each call run here (not one answered from its stored outcome); a name the model made up is "unknown". */
    private Uni<ToolOutcome> measured(ToolCallRequested request, CallTicket ticket) {
        String tool = registry.find(request.toolName()).map(ToolDefinition::name).orElse("unknown");
        return run(request, ticket).invoke(outcome -> meters.toolCall(tool, outcome.ok()));
    }

    private Uni<ToolOutcome> run(ToolCallRequested request, CallTicket ticket) {
        ToolDefinition tool = registry.find(request.toolName()).orElse(null);
        if (tool == null) {
            return record(ticket, ToolOutcome.error("unknown tool " + ToolException.quote(String.valueOf(
                    request.toolName())) + "; available: " + String.join(", ", registry.names())));
        }
        JsonNode arguments;
        try {
            arguments = ToolArguments.parse(json, request.arguments());
        } catch (ToolException e) {
            return record(ticket, ToolOutcome.error(e.getMessage()));
        }
        return switch (tool) {
            case Tool pure -> runner.run(pure, arguments).chain(outcome -> record(ticket, outcome));
            case DatabaseTool database -> runInTransaction(database, request, ticket, arguments);
        };
    }

    private Uni<ToolOutcome> runInTransaction(DatabaseTool tool, ToolCallRequested request, CallTicket ticket,
            JsonNode arguments) {
        long timeoutMillis = runner.timeout().toMillis();
        return RowScope.inTenant(pool, request.tenantId(), tx -> Uni.createFrom()
                .deferred(() -> tool.execute(new ToolContext(request.tenantId(), request.userId(), request.callId(),
                        tx, request.memoryAllowed()), arguments))
                // Inside the transaction, so a timed-out run is rolled back rather than committed later.
                .ifNoItem()
                .after(runner.timeout())
                .failWith(() -> new ToolException("tool '" + tool.name() + "' timed out after " + timeoutMillis
                        + " ms"))
                .map(ToolOutcome::ok)
                .call(outcome -> complete(tx, ticket, outcome)))
                .onFailure(ToolException.class)
                .recoverWithUni(e -> record(ticket, ToolOutcome.error(e.getMessage())))
                .onFailure(e -> !Failures.isTransient(e))
                .recoverWithUni(e -> {
                    LOG.errorf(e, "Tool %s failed", tool.name());
                    return record(ticket, ToolOutcome.error("tool '" + tool.name() + "' failed unexpectedly"));
                });
    }

    private Uni<ToolOutcome> record(CallTicket ticket, ToolOutcome outcome) {
        return RowScope.inTenant(pool, ticket.tenantId(), tx -> complete(tx, ticket, outcome));
    }

    /** Stores the outcome; a claim lost meanwhile is retried like a call running elsewhere. */
    private Uni<ToolOutcome> complete(SqlClient client, CallTicket ticket, ToolOutcome outcome) {
        return store.complete(client, ticket, new StoredOutcome(outcome.result(), outcome.error(),
                outcome.completedAt()))
                .onFailure(ClaimLostException.class)
                .transform(e -> new RetryLaterException(e.getMessage()))
                .replaceWith(outcome);
    }

    private static ToolOutcome outcome(StoredOutcome stored) {
        return new ToolOutcome(stored.result(), stored.error(), stored.completedAt());
    }

    /** The key without its tenant; the store scopes it by tenant, so tenants can never answer each other's calls. */
    static String idempotencyKey(ToolCallRequested request) {
        return request.idempotencyKey() == null || request.idempotencyKey().isBlank()
                ? "call:" + request.callId()
                : "key:" + request.idempotencyKey();
    }
}
