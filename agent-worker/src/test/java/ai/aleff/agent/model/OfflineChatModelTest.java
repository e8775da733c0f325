package ai.aleff.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

class OfflineChatModelTest {

    private final OfflineChatModel model = new OfflineChatModel();

    private ChatResponse chat(ChatMessage... messages) {
        return model.chat(ChatRequest.builder().messages(List.of(messages)).build());
    }

    @Test
    void calcCommandAsksForTheCalculatorWithTheExpression() {
        // Given a user asking to calculate
        // When the offline model answers
        ChatResponse response = chat(SystemMessage.from("sys"), UserMessage.from("/calc 2*(3+4)"));

        // Then it asks for the calculator tool with the expression as JSON
        assertThat(response.aiMessage().hasToolExecutionRequests()).isTrue();
        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.name()).isEqualTo("calculator");
        assertThat(call.arguments()).isEqualTo("{\"expression\":\"2*(3+4)\"}");
    }

    @Test
    void commandOfALabelledGroupMessageIsRecognised() {
        // Given a user of a group conversation, whose message carries its speaker label
        // When the offline model answers
        ChatResponse response = chat(UserMessage.from("[user ann@example.com]: /calc 1+1"));

        // Then the command after the label is run
        assertThat(response.aiMessage().toolExecutionRequests().get(0).arguments())
                .isEqualTo("{\"expression\":\"1+1\"}");
    }

    @Test
    void timeCommandAsksForTimeNowWithTheZone() {
        // Given a user asking for the time in a zone
        // When the offline model answers
        ChatResponse response = chat(UserMessage.from("  /time Europe/Lisbon "));

        // Then it asks for time_now with that zone
        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.name()).isEqualTo("time_now");
        assertThat(call.arguments()).isEqualTo("{\"timezone\":\"Europe/Lisbon\"}");
    }

    @Test
    void argumentsWithQuotesStayValidJson() {
        // Given an expression containing a quote
        // When the offline model answers
        ChatResponse response = chat(UserMessage.from("/calc 1\"+2"));

        // Then the arguments are escaped JSON
        assertThat(response.aiMessage().toolExecutionRequests().get(0).arguments())
                .isEqualTo("{\"expression\":\"1\\\"+2\"}");
    }

    @Test
    void toolResultIsReportedAsIs() {
        // Given a calculator call and its result
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("c1")
                .name("calculator")
                .arguments("{}")
                .build();

        // When the offline model answers after the result
        ChatResponse response = chat(UserMessage.from("/calc 2*(3+4)"), AiMessage.from(call),
                ToolExecutionResultMessage.from("c1", "calculator", "14"));

        // Then it reports the tool and its result, and asks for nothing more
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.aiMessage().text()).isEqualTo("[offline] calculator -> 14");
    }

    @Test
    void toolErrorIsReported() {
        // Given a time_now call that failed
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("c1")
                .name("time_now")
                .arguments("{}")
                .build();

        // When the offline model answers after the error
        ChatResponse response = chat(UserMessage.from("/time Mars/Olympus"), AiMessage.from(call),
                ToolExecutionResultMessage.from("c1", "time_now", "ERROR: unknown time zone"));

        // Then the error is passed on, not hidden
        assertThat(response.aiMessage().text()).isEqualTo("[offline] time_now -> ERROR: unknown time zone");
    }

    @Test
    void plainTextGetsAnHonestOfflineAnswer() {
        // Given ordinary chat
        // When the offline model answers
        ChatResponse response = chat(UserMessage.from("What is the meaning of life?"));

        // Then it says what it is, lists the commands and how to configure a model
        String text = response.aiMessage().text();
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(text).contains("offline provider", "no language model is configured", "/time", "/calc",
                "aleff.agent.model.openai.base-url");
    }

    @Test
    void commandWithoutArgumentGetsTheHelpInsteadOfAnEmptyToolCall() {
        // Given a command with nothing after it
        // When the offline model answers
        ChatResponse response = chat(UserMessage.from("/calc"));

        // Then it explains the commands instead of calling a tool with nothing
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.aiMessage().text()).contains("/calc <expression>");
    }

    @Test
    void commandPrefixInsideAWordIsNotACommand() {
        // Given text that merely starts like a command
        // When the offline model answers
        ChatResponse response = chat(UserMessage.from("/calculate 1+1"));

        // Then no tool is asked for
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
    }

    @Test
    void memoryCommandsAskForTheMemoryToolsWithTheirContractArguments() {
        // Given the three memory commands, When the offline model answers each
        ToolExecutionRequest remember = chat(UserMessage.from("/remember I like green tea")).aiMessage()
                .toolExecutionRequests()
                .get(0);
        ToolExecutionRequest recallAll = chat(UserMessage.from("/recall")).aiMessage().toolExecutionRequests().get(0);
        ToolExecutionRequest recallTea = chat(UserMessage.from("/recall tea")).aiMessage()
                .toolExecutionRequests()
                .get(0);
        ToolExecutionRequest forgetOne = chat(UserMessage.from("/forget 12")).aiMessage()
                .toolExecutionRequests()
                .get(0);
        ToolExecutionRequest forgetAll = chat(UserMessage.from("/forget ALL")).aiMessage()
                .toolExecutionRequests()
                .get(0);

        // Then each asks for its tool with the argument names tool-executor implements
        assertThat(remember.name()).isEqualTo("remember");
        assertThat(remember.arguments()).isEqualTo("{\"fact\":\"I like green tea\"}");
        assertThat(recallAll.name()).isEqualTo("recall");
        assertThat(recallAll.arguments()).isEqualTo("{}");
        assertThat(recallTea.arguments()).isEqualTo("{\"query\":\"tea\"}");
        assertThat(forgetOne.name()).isEqualTo("forget");
        assertThat(forgetOne.arguments()).isEqualTo("{\"id\":\"12\"}");
        assertThat(forgetAll.arguments()).isEqualTo("{\"all\":true}");
    }

    @Test
    void memoryCommandsWithoutTheirArgumentGetTheHelp() {
        // Given /remember and /forget with nothing after them
        // When the offline model answers
        ChatResponse remember = chat(UserMessage.from("/remember"));
        ChatResponse forget = chat(UserMessage.from("/forget  "));

        // Then no tool is asked for and the help names the memory commands
        assertThat(remember.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(forget.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(remember.aiMessage().text()).contains("/remember <fact>", "/recall [words]", "/forget <id|all>");
    }
}
