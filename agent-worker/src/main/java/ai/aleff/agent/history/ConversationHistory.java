package ai.aleff.agent.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.repository.HistoryEntry;
import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.SequencedEntry;
import ai.aleff.agent.repository.Session;
import ai.aleff.agent.repository.SessionRepository;
import ai.aleff.agent.repository.Summary;
import ai.aleff.agent.repository.SummaryRepository;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.tenant.AssistantProfile;
import ai.aleff.platform.database.RowScope;

/**
 * What a model call sees of the conversation: the tenant's instructions, then the current session's summary (if
 * older history was compacted), then the newest entries, together within the tenant's token budget. Compaction
 * happens here, right before the model call that would exceed the budget (see {@link HistoryWindow}).
 */
@ApplicationScoped
public class ConversationHistory {

    private final Pool pool;
    private final SessionRepository sessions;
    private final SummaryRepository summaries;
    private final HistoryRepository history;
    private final HistoryCompactor compactor;
    private final HistoryMapper mapper;
    private final SpeakerView speakers;
    private final AgentSettings settings;

    public ConversationHistory(Pool pool, SessionRepository sessions, SummaryRepository summaries,
            HistoryRepository history, HistoryCompactor compactor, HistoryMapper mapper, SpeakerView speakers,
            AgentSettings settings) {
        this.pool = pool;
        this.sessions = sessions;
        this.summaries = summaries;
        this.history = history;
        this.compactor = compactor;
        this.mapper = mapper;
        this.speakers = speakers;
        this.settings = settings;
    }

    /** The session's summary (if any) and its entries after that summary. */
    public record Loaded(Session session, Optional<Summary> summary, List<SequencedEntry> entries) {

        public Optional<String> summaryText() {
            return summary.map(Summary::text);
        }
    }

    public Uni<Loaded> load(String tenantId, String conversationId) {
        return RowScope.inTenant(pool, tenantId, c -> sessions.current(c, tenantId, conversationId)
                .chain(session -> summaries.latest(c, tenantId, conversationId, session.historyAfterSeq())
                        .chain(summary -> history.since(c, tenantId, conversationId,
                                summary.map(Summary::coversToSeq).orElse(session.historyAfterSeq()),
                                settings.historyLimit())
                                .map(entries -> new Loaded(session, summary, entries)))));
    }

    /**
     * The messages of the turn's next model call, compacting older history first when it exceeds the budget. The
     * history is the turn's transcript ({@link Turn#historyKey()}): the conversation's for a user's turn, its own for
     * a subagent's child turn.
     *
     * @param systemPrompt the system message of this step (the tenant's instructions, or a subagent's)
     */
    public Uni<List<ChatMessage>> messagesFor(Turn turn, AssistantProfile profile, String systemPrompt) {
        return load(turn.tenantId(), turn.historyKey()).chain(loaded -> {
            HistoryWindow.Plan plan = HistoryWindow.plan(loaded.summaryText(), loaded.entries(),
                    profile.historyTokenBudget(), settings.compactionKeepPercent());
            return switch (plan) {
                case HistoryWindow.Fits fits -> Uni.createFrom().item(fits.window());
                case HistoryWindow.Truncate truncate -> Uni.createFrom().item(truncate.window());
                case HistoryWindow.Compact compact -> compactor
                        .compact(turn, profile, loaded.summaryText(), compact)
                        .map(made -> made.isPresent()
                                ? HistoryWindow.fit(Optional.of(made.get().text()), compact.recent(),
                                        profile.historyTokenBudget())
                                : HistoryWindow.fit(loaded.summaryText(), loaded.entries(),
                                        profile.historyTokenBudget()));
            };
        }).map(window -> messages(turn.userId(), systemPrompt, window));
    }

    /**
     * The instructions, in a group conversation a note on its speaker labels, the summary, then the entries as the
     * turn's speaker may see them ({@link SpeakerView}).
     */
    private List<ChatMessage> messages(String speaker, String instructions, HistoryWindow.Window window) {
        List<HistoryEntry> entries = window.entries().stream().map(SequencedEntry::entry).toList();
        List<ChatMessage> messages = new ArrayList<>(mapper.toMessages(instructions,
                speakers.forSpeaker(speaker, entries)));
        int afterInstructions = instructions == null || instructions.isBlank() ? 0 : 1;
        window.summary().ifPresent(summary -> messages.add(afterInstructions, SummaryPrompt.asContext(summary)));
        if (SpeakerView.isGroup(entries)) {
            messages.add(afterInstructions, SystemMessage.from(SpeakerView.GROUP_NOTE));
        }
        return messages;
    }
}
