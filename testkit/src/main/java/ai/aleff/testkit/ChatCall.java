package ai.aleff.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One chat-completions request as the emulator received it, for a script to decide its reply.
 *
 * @param body the request body as sent
 * @param json the body parsed
 */
public record ChatCall(String body, JsonNode json) {

    /** The {@code model} the request names. */
    public String model() {
        return json.path("model").asText("");
    }

    /** The content of the last {@code user} message; empty when there is none. */
    public String lastUserMessage() {
        JsonNode messages = json.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return messages.get(i).path("content").asText("");
            }
        }
        return "";
    }

    /** The content of the system message; empty when there is none. */
    public String systemPrompt() {
        for (JsonNode message : json.path("messages")) {
            if ("system".equals(message.path("role").asText())) {
                return message.path("content").asText("");
            }
        }
        return "";
    }

    /** Whether a tool result follows the last user message: the step after a tool round. */
    public boolean afterToolResult() {
        JsonNode messages = json.path("messages");
        boolean tool = false;
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = messages.get(i).path("role").asText();
            if ("user".equals(role)) {
                return tool;
            }
            tool |= "tool".equals(role);
        }
        return tool;
    }

    /** Whether any message of the request is a tool result, in this turn or in the history before it. */
    public boolean hasToolResult() {
        for (JsonNode message : json.path("messages")) {
            if ("tool".equals(message.path("role").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the body contains the text anywhere (a marker in a message or the system prompt). */
    public boolean contains(String text) {
        return body.contains(text);
    }
}
