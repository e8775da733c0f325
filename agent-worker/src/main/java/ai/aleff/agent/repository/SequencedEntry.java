package ai.aleff.agent.repository;

/**
 * A stored history entry with its position in the conversation, which summaries and sessions refer to.
 *
 * @param seq the entry's row sequence (increases in conversation order)
 */
public record SequencedEntry(long seq, HistoryEntry entry) {
}
