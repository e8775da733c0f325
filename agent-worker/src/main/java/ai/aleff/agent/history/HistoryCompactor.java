package ai.aleff.agent.history;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.events.TurnAudit;
import ai.aleff.agent.model.ModelCallContext;
import ai.aleff.agent.model.ModelCallLimiter;
import ai.aleff.agent.model.ModelCaller;
import ai.aleff.agent.model.ModelOutcome;
import ai.aleff.agent.repository.SequencedEntry;
import ai.aleff.agent.repository.Summary;
import ai.aleff.agent.repository.SummaryRepository;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.tenant.AssistantProfile;
import ai.aleff.agent.usage.UsageLedger;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;

/**
 * Summarises older history with the tenant's own model chain. The summary, its usage and a {@code history.compacted}
 * audit record commit together; entries are never deleted, and a summary is keyed by the last entry it covers, so a
 * redelivered step finds it and does not summarise again. The summary is shown on every later turn, so it is made
 * from what any speaker may see ({@link SpeakerView#shared}). A failed or empty summary call never fails the turn: it is
 * audited as {@code history.truncated} and the caller cuts the history to the budget instead.
 */
@ApplicationScoped
public class HistoryCompactor {

    static final String PURPOSE = "summary";
    private static final Logger LOG = Logger.getLogger(HistoryCompactor.class);

    private final Pool pool;
    private final ModelCaller model;
    private final ModelCallLimiter limiter;
    private final SummaryRepository summaries;
    private final UsageLedger usage;
    private final Outbox outbox;
    private final TurnAudit audit;
    private final SpeakerView speakers;
    private final AgentSettings settings;

    public HistoryCompactor(Pool pool, ModelCaller model, ModelCallLimiter limiter, SummaryRepository summaries,
            UsageLedger usage, Outbox outbox, TurnAudit audit, SpeakerView speakers, AgentSettings settings) {
        this.pool = pool;
        this.model = model;
        this.limiter = limiter;
        this.summaries = summaries;
        this.usage = usage;
        this.outbox = outbox;
        this.audit = audit;
        this.speakers = speakers;
        this.settings = settings;
    }

    /** The new summary covering {@code plan.older()}, or empty when it could not be made (already audited). */
    public Uni<Optional<Summary>> compact(Turn turn, AssistantProfile profile, Optional<String> previous,
            HistoryWindow.Compact plan) {
        int summaryTokens = Math.max(50, profile.historyTokenBudget() * (100 - settings.compactionKeepPercent()) / 100);
        int maxWords = Math.max(30, summaryTokens * 3 / 4);
        ModelCallContext context = ModelCallContext.of(turn.tenantId(), turn.conversationId(), turn.turnId(),
                turn.iteration(), !turn.isChild()).withPurpose(PURPOSE);
        return limiter.limit(turn.tenantId(), () -> model.call(context, profile.chain(),
                SummaryPrompt.request(previous, speakers.shared(plan.older().stream().map(SequencedEntry::entry)
                        .toList()), maxWords),
                List.of()))
                .chain(outcome -> {
                    if (outcome instanceof ModelOutcome.Answer answer && !answer.text().isBlank()) {
                        Summary summary = new Summary(plan.coversToSeq(), cap(answer.text().strip(), summaryTokens));
                        return store(turn, context, answer, summary, plan.older().size());
                    }
                    String cause = outcome instanceof ModelOutcome.Failure failure
                            ? failure.cause()
                            : "the summary call returned no summary";
                    return truncated(turn, cause);
                });
    }

    private Uni<Optional<Summary>> store(Turn turn, ModelCallContext context, ModelOutcome.Answer answer,
            Summary summary, int entries) {
        CloudEvent<?> event = audit.historyCompacted(turn, summary.coversToSeq(), entries, answer.usage());
        return RowScope
                .inTenant(pool, turn.tenantId(), c -> summaries.insert(c, turn.tenantId(), turn.historyKey(), summary)
                        .chain(() -> usage.record(c, context, answer.usage()))
                        .call(() -> outbox.add(c, event)))
                .chain(usageEvents -> outbox.publish(Stream.concat(usageEvents.stream(), Stream.of(event)).toList()))
                .replaceWith(Optional.of(summary));
    }

    private Uni<Optional<Summary>> truncated(Turn turn, String cause) {
        LOG.warnf("Summarising the history of turn %s failed (%s); truncating it instead", turn.turnId(), cause);
        CloudEvent<?> event = audit.historyTruncated(turn, cause);
        return RowScope.inTenant(pool, turn.tenantId(), c -> outbox.add(c, event))
                .chain(() -> outbox.publish(List.of(event)))
                .replaceWith(Optional.<Summary>empty());
    }

    /** A model ignoring the word limit must not blow the budget: the summary keeps its share at most. */
    private static String cap(String text, int tokens) {
        int maxChars = tokens * 4;
        return text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "…";
    }
}
