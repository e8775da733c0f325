package ai.aleff.agent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.repository.OutboxRepository;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.turn.TurnService;

/**
 * The safety net of the outbox: republishes events whose publish after commit did not happen (broker down, process
 * killed), and resumes RUNNING turns whose worker died between steps. Republishing is harmless: event ids are
 * deterministic and consumers deduplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final Pool pool;
    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final TurnRepository turns;
    private final TurnService turnService;
    private final AgentSettings settings;

    public OutboxRelay(Pool pool, OutboxRepository outbox, OutboxPublisher publisher, TurnRepository turns,
            TurnService turnService, AgentSettings settings) {
        this.pool = pool;
        this.outbox = outbox;
        this.publisher = publisher;
        this.turns = turns;
        this.turnService = turnService;
        this.settings = settings;
    }

    @Scheduled(every = "${aleff.agent.relay-interval:5s}", delayed = "${aleff.agent.relay-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return outbox.unsent(pool, settings.relayGrace(), BATCH)
                .chain(events -> {
                    if (!events.isEmpty()) {
                        LOG.infof("Relaying %d unsent outbox events", events.size());
                    }
                    return publisher.publish(events);
                })
                .chain(() -> turns.staleRunning(pool, settings.staleTurnAfter(), BATCH))
                .chain(stale -> Multi.createFrom()
                        .iterable(stale)
                        .onItem()
                        .transformToUniAndConcatenate(turnId -> {
                            LOG.infof("Resuming stale turn %s", turnId);
                            return turnService.advance(turnId).onFailure().recoverWithNull();
                        })
                        .collect()
                        .last()
                        .replaceWithVoid())
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf("Outbox relay round failed: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }
}
