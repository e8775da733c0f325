package ai.aleff.agent.repository;

/** Where a turn is in its life. */
public enum TurnStatus {
    /** Waiting for the conversation's earlier turn to finish. */
    QUEUED,
    /** The next step is a model call. */
    RUNNING,
    /** Waiting for tool results. */
    WAITING_TOOLS,
    /** Replied. */
    DONE
}
