package ai.aleff.agent.turn;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import ai.aleff.agent.repository.HistoryEntry;
import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.ToolCall;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.session.SessionCommand;

/** The history entries the turn stages write. */
final class TurnEntries {

    private TurnEntries() {
    }

    /** Session commands stay out of the history: the model never sees them (the turn row keeps them). */
    static Uni<Void> appendUser(SqlConnection c, HistoryRepository history, Turn turn) {
        return SessionCommand.isCommand(turn.userText())
                ? Uni.createFrom().voidItem()
                : history.append(c, user(turn));
    }

    static HistoryEntry user(Turn turn) {
        return new HistoryEntry(turn.tenantId(), turn.historyKey(), turn.turnId(), HistoryEntry.Role.USER,
                turn.userText(), null, null, null, turn.userId());
    }

    static HistoryEntry tool(Turn turn, ToolCall call, String resultText) {
        return new HistoryEntry(turn.tenantId(), turn.historyKey(), turn.turnId(), HistoryEntry.Role.TOOL,
                resultText, null, call.modelCallId(), call.toolName(), turn.userId());
    }

    /** A turn's final text, under its history key (a user's turn: the conversation; a child turn: its own). */
    static HistoryEntry answer(Turn turn, String text) {
        return new HistoryEntry(turn.tenantId(), turn.historyKey(), turn.turnId(), HistoryEntry.Role.ASSISTANT, text,
                null, null, null, turn.userId());
    }
}
