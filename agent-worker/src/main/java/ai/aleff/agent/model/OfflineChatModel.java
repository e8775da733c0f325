package ai.aleff.agent.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

import ai.aleff.agent.tools.ToolCatalog;

/**
 * The provider used when no language model is configured. It never pretends to be one: it understands explicit
 * commands that exercise the tool loop end to end ({@code /time}, {@code /calc} and the memory commands
 * {@code /remember}, {@code /recall}, {@code /forget}), and otherwise says plainly what it is.
 */
public class OfflineChatModel implements ChatModel {

    public static final String NAME = "offline";
    static final String TIME_COMMAND = "/time";
    static final String CALC_COMMAND = "/calc";
    static final String REMEMBER_COMMAND = "/remember";
    static final String RECALL_COMMAND = "/recall";
    static final String FORGET_COMMAND = "/forget";
    static final String HELP = """
            I am the offline provider of AleffAI: no language model is configured, so I cannot understand free \
            text. Commands I do understand: "/time <IANA zone>" (for example /time Europe/Lisbon) and \
            "/calc <expression>" (for example /calc 2*(3+4)), and for memory "/remember <fact>", \
            "/recall [words]" and "/forget <id|all>". To talk to a real model, set \
            aleff.agent.model.openai.base-url (plus api-key and model-name) on the agent worker.""";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The speaker label of a group conversation's user message; a label-like text the user wrote is defused before
     * it is sent, so a leading one is always the platform's.
     */
    private static final Pattern SPEAKER_LABEL = Pattern.compile("^\\[user [^\\]]*\\]: ");

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        List<ToolExecutionResultMessage> results = trailingToolResults(messages);
        if (!results.isEmpty()) {
            return text(String.join("\n", results.stream().map(OfflineChatModel::describe).toList()));
        }
        String userText = lastUserText(messages);
        String trimmed = userText == null ? "" : userText.strip();
        if (isCommand(trimmed, TIME_COMMAND)) {
            return toolOr(ToolCatalog.TIME_NOW, ToolCatalog.TIMEZONE_ARG, argument(trimmed, TIME_COMMAND));
        }
        if (isCommand(trimmed, CALC_COMMAND)) {
            return toolOr(ToolCatalog.CALCULATOR, ToolCatalog.EXPRESSION_ARG, argument(trimmed, CALC_COMMAND));
        }
        if (isCommand(trimmed, REMEMBER_COMMAND)) {
            return toolOr(ToolCatalog.REMEMBER, ToolCatalog.FACT_ARG, argument(trimmed, REMEMBER_COMMAND));
        }
        if (isCommand(trimmed, RECALL_COMMAND)) {
            String query = argument(trimmed, RECALL_COMMAND);
            return query.isEmpty()
                    ? tool(ToolCatalog.RECALL, Map.of())
                    : tool(ToolCatalog.RECALL,
                            Map.of(ToolCatalog.QUERY_ARG, query));
        }
        if (isCommand(trimmed, FORGET_COMMAND)) {
            String what = argument(trimmed, FORGET_COMMAND);
            return what.equalsIgnoreCase("all")
                    ? tool(ToolCatalog.FORGET, Map.of(ToolCatalog.ALL_ARG, true))
                    : toolOr(ToolCatalog.FORGET, ToolCatalog.ID_ARG, what);
        }
        return text(HELP);
    }

    private static String describe(ToolExecutionResultMessage result) {
        return "[" + NAME + "] " + result.toolName() + " -> " + result.text();
    }

    /** The tool results after the latest assistant message: this step's input when the model asked for tools. */
    private static List<ToolExecutionResultMessage> trailingToolResults(List<ChatMessage> messages) {
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage result; i--) {
            results.addFirst(result);
        }
        return results;
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                return user.hasSingleText() ? SPEAKER_LABEL.matcher(user.singleText()).replaceFirst("") : null;
            }
        }
        return null;
    }

    private static boolean isCommand(String text, String command) {
        return text.equals(command) || text.startsWith(command + " ");
    }

    private static String argument(String text, String command) {
        return text.substring(command.length()).strip();
    }

    private static ChatResponse toolOr(String tool, String argumentName, String value) {
        if (value.isEmpty()) {
            return text(HELP);
        }
        return tool(tool, Map.of(argumentName, value));
    }

    private static ChatResponse tool(String tool, Map<String, Object> argumentValues) {
        String arguments;
        try {
            arguments = JSON.writeValueAsString(argumentValues);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("offline-call-0")
                .name(tool)
                .arguments(arguments)
                .build();
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(call))
                .modelName(NAME)
                .finishReason(FinishReason.TOOL_EXECUTION)
                .build();
    }

    private static ChatResponse text(String text) {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .modelName(NAME)
                .finishReason(FinishReason.STOP)
                .build();
    }
}
