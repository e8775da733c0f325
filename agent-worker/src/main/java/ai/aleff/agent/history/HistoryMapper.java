package ai.aleff.agent.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import ai.aleff.agent.repository.HistoryEntry;

/** Converts stored history to the messages LangChain4j sends to the model, and tool calls to stored JSON. */
@ApplicationScoped
public class HistoryMapper {

    private static final TypeReference<List<Map<String, String>>> CALLS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public HistoryMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The model's view of the conversation. A window cut by the history limit may start with tool results or an
     * assistant message whose question is gone; providers reject a tool result without its call, so the window
     * starts at its first user message.
     */
    public List<ChatMessage> toMessages(String systemPrompt, List<HistoryEntry> entries) {
        List<ChatMessage> messages = new ArrayList<>();
        if (systemPrompt != null && !systemPrompt.isBlank()) {
            messages.add(SystemMessage.from(systemPrompt));
        }
        boolean started = false;
        for (HistoryEntry entry : entries) {
            started = started || entry.role() == HistoryEntry.Role.USER;
            if (started) {
                messages.add(toMessage(entry));
            }
        }
        return messages;
    }

    private ChatMessage toMessage(HistoryEntry entry) {
        return switch (entry.role()) {
            case USER -> UserMessage.from(entry.content());
            case TOOL -> ToolExecutionResultMessage.from(entry.toolCallId(), entry.toolName(), entry.content());
            case ASSISTANT -> entry.toolCallsJson() == null
                    ? AiMessage.from(entry.content() == null ? "" : entry.content())
                    : assistantWithCalls(entry);
        };
    }

    private AiMessage assistantWithCalls(HistoryEntry entry) {
        List<ToolExecutionRequest> requests = fromJson(entry.toolCallsJson()).stream()
                .map(call -> ToolExecutionRequest.builder()
                        .id(call.get("id"))
                        .name(call.get("name"))
                        .arguments(call.get("arguments"))
                        .build())
                .toList();
        return entry.content() == null || entry.content().isBlank()
                ? AiMessage.from(requests)
                : AiMessage.from(entry.content(), requests);
    }

    /** Stores the model's calls with the ids the model gave them, which it needs to match the results. */
    public String toJson(List<ToolExecutionRequest> requests) {
        List<Map<String, String>> calls = requests.stream()
                .map(r -> Map.of("id", r.id(), "name", r.name(), "arguments", r.arguments()))
                .toList();
        try {
            return json.writeValueAsString(calls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stored tool calls ({id, name, arguments} each), as {@link #toJson} wrote them. */
    List<Map<String, String>> calls(String text) {
        return fromJson(text);
    }

    /** Tool calls in their stored form. */
    String callsJson(List<Map<String, String>> calls) {
        try {
            return json.writeValueAsString(calls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, String>> fromJson(String text) {
        try {
            return json.readValue(text, CALLS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored tool calls", e);
        }
    }
}
