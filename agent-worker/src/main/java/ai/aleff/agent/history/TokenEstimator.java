package ai.aleff.agent.history;

import ai.aleff.agent.repository.HistoryEntry;

/**
 * Estimates tokens without a tokenizer: characters / 4, rounded up. English prose averages about four characters per
 * token with the common BPE tokenizers; code, JSON and non-Latin scripts take more tokens per character, so budgets
 * are estimates, not provider limits, and should leave headroom below the model's context window.
 */
public final class TokenEstimator {

    private TokenEstimator() {
    }

    public static int tokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** What the model receives of an entry: its text and, for an assistant's tool calls, their JSON. */
    public static int tokens(HistoryEntry entry) {
        return tokens(entry.content()) + tokens(entry.toolCallsJson());
    }
}
