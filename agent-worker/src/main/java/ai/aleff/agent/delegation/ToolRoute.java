package ai.aleff.agent.delegation;

import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/**
 * Where one tool request of the model is answered. Every route ends in the same recorded tool-call row and the
 * same "all results in, next model call" step of the turn.
 */
public sealed interface ToolRoute {

    /** tool-executor runs it: published as ToolCallRequested, answered by a ToolCallCompleted. */
    record Remote() implements ToolRoute {
    }

    /**
     * Answered in the worker at once, in the transaction that records the call.
     *
     * @param result the text the model gets (errors start with {@code ERROR:}, like tool-executor's)
     * @param auditAction audit action to record for the call, or null for none
     * @param auditDetail detail of that audit record
     */
    record Local(String result, String auditAction, String auditDetail) implements ToolRoute {

        static Local error(String message) {
            return new Local("ERROR: " + message, null, null);
        }
    }

    /**
     * Run by a subagent as a child turn; the child's final text becomes the call's result.
     *
     * @param subagent the tenant's subagent
     * @param task what the model asked it to do
     */
    record Delegate(Subagent subagent, String task) implements ToolRoute {
    }
}
