package ai.aleff.agent.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import ai.aleff.agent.repository.HistoryEntry;

/**
 * The request that asks the model to summarise older history, and how a summary is shown in later calls. The
 * history goes in as one plain transcript, not as chat messages: a provider then never sees tool results whose
 * calls were cut off, and the summary call offers no tools.
 */
public final class SummaryPrompt {

    /** The summary request's instructions. */
    public static final String INSTRUCTIONS = "You compress a conversation between a user and an AI assistant so the "
            + "assistant can continue it without the full transcript. Write a concise summary of the transcript: what "
            + "the user wants, facts and names they gave, decisions made, results of tool calls, and questions still "
            + "open. Write at most %d words. Reply with the summary only.";

    /** Introduces the summary in the model calls that follow a compaction. */
    public static final String SUMMARY_HEADING = "Summary of the earlier conversation (older messages are not shown):";

    private SummaryPrompt() {
    }

    public static List<ChatMessage> request(Optional<String> previous, List<HistoryEntry> older, int maxWords) {
        StringBuilder transcript = new StringBuilder();
        previous.ifPresent(text -> transcript.append("Summary of what came before:\n").append(text).append("\n\n"));
        transcript.append("Transcript:\n");
        for (HistoryEntry entry : older) {
            switch (entry.role()) {
                case USER -> transcript.append("User: ").append(entry.content()).append('\n');
                case ASSISTANT -> {
                    if (entry.content() != null && !entry.content().isBlank()) {
                        transcript.append("Assistant: ").append(entry.content()).append('\n');
                    }
                    if (entry.toolCallsJson() != null) {
                        transcript.append("Assistant called tools: ").append(entry.toolCallsJson()).append('\n');
                    }
                }
                case TOOL -> transcript.append("Tool ").append(entry.toolName()).append(" returned: ")
                        .append(entry.content()).append('\n');
            }
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(INSTRUCTIONS.formatted(maxWords)));
        messages.add(UserMessage.from(transcript.toString()));
        return messages;
    }

    /** The system message carrying the summary in later calls. */
    public static SystemMessage asContext(String summary) {
        return SystemMessage.from(contextText(summary));
    }

    /** The text of that message, which is what counts against the budget. */
    static String contextText(String summary) {
        return SUMMARY_HEADING + "\n" + summary;
    }
}
