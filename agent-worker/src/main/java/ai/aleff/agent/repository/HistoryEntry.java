package ai.aleff.agent.repository;

/**
 * One message of a conversation's history, stored close to the model's own shape.
 *
 * @param role USER, ASSISTANT or TOOL
 * @param content the text; null for an assistant message that only asks for tools
 * @param toolCallsJson for an assistant message asking for tools: a JSON array of {id, name, arguments}
 * @param toolCallId for a TOOL message: the model's id of the call it answers
 * @param toolName for a TOOL message: the tool that ran
 */
public record HistoryEntry(String tenantId, String conversationId, String turnId, Role role, String content,
        String toolCallsJson, String toolCallId, String toolName) {

    /** Who said it. */
    public enum Role {
        USER, ASSISTANT, TOOL
    }
}
