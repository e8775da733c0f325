package ai.aleff.agent.session;

import java.math.BigDecimal;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import ai.aleff.agent.history.ConversationHistory;
import ai.aleff.agent.history.HistoryWindow;
import ai.aleff.agent.model.ModelSettings;
import ai.aleff.agent.repository.SessionRepository;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.tenant.AssistantProfile;

/**
 * Runs a session command inside the transaction that completes its turn, so a redelivered command is applied and
 * answered once, in the conversation's order like any message.
 */
@ApplicationScoped
public class SessionCommands {

    static final String HELP = """
            Commands: /reset starts a new session (earlier messages stay stored but are no longer sent to the \
            model). /status shows the models in use, this session's turns, tokens and estimated cost, and the \
            history size. /help shows this list.""";

    /** What the command answers and what its audit record says. */
    public record Result(String reply, String auditDetail) {
    }

    private final SessionRepository sessions;
    private final ConversationHistory history;
    private final ModelSettings models;

    public SessionCommands(SessionRepository sessions, ConversationHistory history, ModelSettings models) {
        this.sessions = sessions;
        this.history = history;
        this.models = models;
    }

    public Uni<Result> run(SqlConnection c, SessionCommand command, Turn turn, AssistantProfile profile) {
        return switch (command) {
            case RESET -> sessions.startNext(c, turn.tenantId(), turn.conversationId(), turn.turnId())
                    .map(session -> new Result("Started a new session (session " + session.number()
                            + "). Earlier messages are kept for the record but I will not use them from now on.",
                            "session=" + session.number() + " history_after_seq=" + session.historyAfterSeq()));
            case STATUS -> status(c, turn, profile);
            case HELP -> Uni.createFrom().item(new Result(HELP, "help"));
        };
    }

    private Uni<Result> status(SqlConnection c, Turn turn, AssistantProfile profile) {
        return history.load(turn.tenantId(), turn.conversationId())
                .chain(loaded -> sessions.usage(c, turn.tenantId(), turn.conversationId(), loaded.session(),
                        turn.turnId()).map(usage -> {
                            HistoryWindow.Window window = HistoryWindow.fit(loaded.summaryText(), loaded.entries(),
                                    profile.historyTokenBudget());
                            String text = "Session " + loaded.session().number() + ".\n"
                                    + "Models: " + String.join(", ", profile.modelLabels()) + "\n"
                                    + "Turns: " + usage.turns() + ", tokens in: " + usage.inputTokens()
                                    + ", tokens out: " + usage.outputTokens() + ", estimated cost: "
                                    + cost(usage.cost()) + " " + models.currency() + "\n"
                                    + "History: " + loaded.entries().size() + " messages"
                                    + summaryNote(loaded.summaryText()) + ", about " + window.tokens()
                                    + " tokens sent to the model (budget " + profile.historyTokenBudget() + ").";
                            return new Result(text, "turns=" + usage.turns() + " input_tokens=" + usage.inputTokens()
                                    + " output_tokens=" + usage.outputTokens() + " cost=" + cost(usage.cost()));
                        }));
    }

    private static String summaryNote(Optional<String> summary) {
        return summary.isPresent() ? " after a summary of earlier ones" : "";
    }

    private static String cost(BigDecimal cost) {
        return cost.signum() == 0 ? "0" : cost.stripTrailingZeros().toPlainString();
    }
}
