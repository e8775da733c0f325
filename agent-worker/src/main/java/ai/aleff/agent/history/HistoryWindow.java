package ai.aleff.agent.history;

import java.util.List;
import java.util.Optional;

import ai.aleff.agent.repository.HistoryEntry;
import ai.aleff.agent.repository.SequencedEntry;

/**
 * Decides which history a model call gets within a token budget, and when older history must be summarised.
 * History is only ever cut right before a USER entry: a user message starts an exchange, and an exchange holds the
 * assistant's tool calls with their results, so a cut never separates a tool call from its result. The current
 * exchange (from the latest user message) is always kept whole, even when it alone exceeds the budget.
 */
public final class HistoryWindow {

    private HistoryWindow() {
    }

    /** What to send: an optional summary of older history, then entries verbatim. */
    public record Window(Optional<String> summary, List<SequencedEntry> entries) {

        public int tokens() {
            return summary.map(HistoryWindow::summaryTokens).orElse(0) + HistoryWindow.tokens(entries);
        }
    }

    /** The outcome of planning. */
    public sealed interface Plan {
    }

    /** Everything fits: send it as it is. */
    public record Fits(Window window) implements Plan {
    }

    /**
     * Over budget: summarise {@code older} (together with the previous summary) and keep {@code recent} verbatim.
     */
    public record Compact(List<SequencedEntry> older, List<SequencedEntry> recent) implements Plan {

        /** The seq the new summary covers up to. */
        public long coversToSeq() {
            return older.getLast().seq();
        }
    }

    /** Over budget but nothing older than the current exchange to summarise: cut to fit. */
    public record Truncate(Window window) implements Plan {
    }

    /**
     * @param summary the session's current summary, if any
     * @param entries the session's entries after that summary, oldest first
     * @param budget estimated tokens the summary and entries may take together
     * @param keepPercent share of the budget kept verbatim when compacting
     */
    public static Plan plan(Optional<String> summary, List<SequencedEntry> entries, int budget, int keepPercent) {
        Window all = new Window(summary, entries);
        if (all.tokens() <= budget) {
            return new Fits(all);
        }
        int keepBudget = Math.max(1, budget * keepPercent / 100);
        int cut = cutFor(entries, keepBudget);
        if (cut <= 0) {
            return new Truncate(fit(summary, entries, budget));
        }
        return new Compact(entries.subList(0, cut), entries.subList(cut, entries.size()));
    }

    /**
     * The newest exchanges that fit the budget after the summary (dropped when it alone exceeds the budget); at
     * least the current exchange.
     */
    public static Window fit(Optional<String> summary, List<SequencedEntry> entries, int budget) {
        Optional<String> kept = summary.filter(text -> summaryTokens(text) <= budget);
        int remaining = budget - kept.map(HistoryWindow::summaryTokens).orElse(0);
        int cut = Math.max(0, cutFor(entries, remaining));
        return new Window(kept, entries.subList(cut, entries.size()));
    }

    /**
     * The earliest USER entry from which the rest fits {@code limit}; the latest USER entry when none does; -1 when
     * there is no USER entry at all.
     */
    private static int cutFor(List<SequencedEntry> entries, int limit) {
        int suffix = 0;
        int best = -1;
        int latestUser = -1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            suffix += TokenEstimator.tokens(entries.get(i).entry());
            if (entries.get(i).entry().role() == HistoryEntry.Role.USER) {
                if (latestUser < 0) {
                    latestUser = i;
                }
                if (suffix <= limit) {
                    best = i;
                }
            }
        }
        return best >= 0 ? best : latestUser;
    }

    /** A summary is sent under a heading, which counts too. */
    static int summaryTokens(String summary) {
        return TokenEstimator.tokens(SummaryPrompt.contextText(summary));
    }

    static int tokens(List<SequencedEntry> entries) {
        return entries.stream().mapToInt(e -> TokenEstimator.tokens(e.entry())).sum();
    }
}
