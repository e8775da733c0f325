package ai.aleff.agent.repository;

/**
 * One message of a conversation's history, stored close to the model's own shape.
 *
 * @param role USER, ASSISTANT or TOOL
 * @param content the text; null for an assistant message that only asks for tools
 * @param toolCallsJson for an assistant message asking for tools: a JSON array of {id, name, arguments}
 * @param toolCallId for a TOOL message: the model's id of the call it answers
 * @param toolName for a TOOL message: the tool that ran
 * @param userId the end user whose turn wrote the entry (its speaker, for a USER entry); null when unknown
 */
public record HistoryEntry(String tenantId, String conversationId, String turnId, Role role, String content,
        String toolCallsJson, String toolCallId, String toolName, String userId) {

    /** An entry of no known user. */
    public HistoryEntry(String tenantId, String conversationId, String turnId, Role role, String content,
            String toolCallsJson, String toolCallId, String toolName) {
        this(tenantId, conversationId, turnId, role, content, toolCallsJson, toolCallId, toolName, null);
    }

    /** This entry with its tool calls replaced (JSON array as {@link #toolCallsJson()}). */
    public HistoryEntry withToolCalls(String json) {
        return new HistoryEntry(tenantId, conversationId, turnId, role, content, json, toolCallId, toolName, userId);
    }

    /** This entry with another text. */
    public HistoryEntry withContent(String text) {
        return new HistoryEntry(tenantId, conversationId, turnId, role, text, toolCallsJson, toolCallId, toolName,
                userId);
    }

    /** Who said it. */
    public enum Role {
        USER, ASSISTANT, TOOL
    }
}
