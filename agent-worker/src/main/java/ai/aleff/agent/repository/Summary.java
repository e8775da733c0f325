package ai.aleff.agent.repository;

/**
 * A model-written summary of a conversation's history.
 *
 * @param coversToSeq the summary replaces every entry of the session with seq up to this one
 */
public record Summary(long coversToSeq, String text) {
}
