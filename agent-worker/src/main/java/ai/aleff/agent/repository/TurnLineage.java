package ai.aleff.agent.repository;

/**
 * Where a turn sits in a delegation tree: a user's turn is the root; a subagent run is a child turn whose final text
 * becomes the result of one tool call of its parent.
 *
 * @param parentTurnId the turn that delegated, or null for a user's turn
 * @param parentCallId the parent's tool call this child answers, or null for a user's turn
 * @param depth 0 for a user's turn, parent depth + 1 for a child
 * @param subagent the tenant subagent this child runs, or null for a user's turn
 */
public record TurnLineage(String parentTurnId, String parentCallId, int depth, String subagent) {

    /** A user's turn. */
    public static final TurnLineage ROOT = new TurnLineage(null, null, 0, null);

    public boolean isChild() {
        return parentCallId != null;
    }
}
